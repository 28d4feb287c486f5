using BenchmarkDotNet.Attributes;
using Escalator.Simulator.Engine;

namespace Escalator.Benchmarks;

/// <summary>The discrete-event kernel's throughput, per processed event: timeouts alone, a contended resource, and a
/// bare <see cref="PriorityQueue{TElement, TPriority}"/> doing the same queue work as the baseline.</summary>
/// <remarks>
/// <para>Each benchmark reports the time per event (<c>OperationsPerInvoke</c> is the number of events an invocation
/// processes, checked in setup); events per second is its inverse. Target: at least 4 million events per second on one
/// core for <see cref="Timeouts"/>.</para>
/// <para>Delays come from a table drawn once from a seeded <see cref="Random"/>, so the measured loop draws nothing.</para>
/// </remarks>
[Config(typeof(SlowOperationConfig))]
public class EngineBenchmarks
{
    private const int Processes = 1000;
    private const int TimeoutsPerProcess = 1000;
    private const int Cycles = 300;
    private const int Capacity = 100;
    private const int Seed = 1;
    // Every process also has its start and its end processed as events.
    private const int TimeoutEvents = Processes * (TimeoutsPerProcess + 2);
    // A cycle is the grant of the request, the holding timeout and the thinking timeout; releasing is not an event.
    private const int ResourceEvents = Processes * (3 * Cycles + 2);
    private const int QueueOperations = Processes * TimeoutsPerProcess;
    private const int DelayMask = (1 << 16) - 1;

    private readonly double[] _delays = new double[DelayMask + 1];

    [GlobalSetup]
    public void SetUp()
    {
        var random = new Random(Seed);
        for (var i = 0; i < _delays.Length; i++)
        {
            _delays[i] = -Math.Log(1 - random.NextDouble());
        }
        // Fail here, not in a measured iteration, if the event counts behind OperationsPerInvoke are wrong.
        Expect(nameof(Timeouts), TimeoutEvents, Timeouts());
        Expect(nameof(ResourceContention), ResourceEvents, ResourceContention());
    }

    /// <summary>1,000 processes each waiting on 1,000 timeouts of exponential delays (mean 1 s).</summary>
    [Benchmark(OperationsPerInvoke = TimeoutEvents)]
    public long Timeouts()
    {
        var sim = new Simulation();
        for (var p = 0; p < Processes; p++)
        {
            sim.Start(Sleeper(sim, p * TimeoutsPerProcess));
        }
        sim.Run();
        return sim.ProcessedEvents;
    }

    /// <summary>1,000 processes cycling 300 times through a resource of 100 units: request, hold, release, think.</summary>
    /// <remarks>Holding takes 10 % of the mean thinking time, so the resource is busy and requests queue.</remarks>
    [Benchmark(OperationsPerInvoke = ResourceEvents)]
    public long ResourceContention()
    {
        var sim = new Simulation();
        var resource = new Resource(sim, Capacity, "slots");
        for (var p = 0; p < Processes; p++)
        {
            sim.Start(User(sim, resource, p * Cycles * 2));
        }
        sim.Run();
        return sim.ProcessedEvents;
    }

    /// <summary>The queue work of <see cref="Timeouts"/> alone: 1,000 entries, each dequeued and enqueued again later.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = QueueOperations)]
    public long BarePriorityQueue()
    {
        var queue = new PriorityQueue<int, (double Time, long Sequence)>();
        long sequence = 0;
        for (var p = 0; p < Processes; p++)
        {
            queue.Enqueue(p, (_delays[p & DelayMask], sequence++));
        }
        for (var i = 0; i < QueueOperations; i++)
        {
            queue.TryDequeue(out var p, out var key);
            queue.Enqueue(p, (key.Time + _delays[i & DelayMask], sequence++));
        }
        return sequence;
    }

    private IEnumerable<Event> Sleeper(Simulation sim, int offset)
    {
        for (var i = 0; i < TimeoutsPerProcess; i++)
        {
            yield return sim.Timeout(_delays[(offset + i) & DelayMask]);
        }
    }

    private IEnumerable<Event> User(Simulation sim, Resource resource, int offset)
    {
        for (var i = 0; i < Cycles; i++)
        {
            using (var request = resource.Request())
            {
                yield return request;
                yield return sim.Timeout(_delays[(offset + 2 * i) & DelayMask]);
            }
            yield return sim.Timeout(10 * _delays[(offset + 2 * i + 1) & DelayMask]);
        }
    }

    private static void Expect(string benchmark, long expected, long actual)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{benchmark} processed {actual} events, not the {expected} its OperationsPerInvoke says.");
        }
    }
}
