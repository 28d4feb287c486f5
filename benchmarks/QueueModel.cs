using System.Diagnostics;
using System.Globalization;
using Escalator.Simulator.Engine;

namespace Escalator.Benchmarks;

/// <summary>The M/M/c bank of <c>benchmarks/simpy/queue_model.py</c> in our kernel, run by
/// <c>Escalator.Benchmarks queue-model</c>: prints one line of <c>key=value</c> pairs with the events processed, the wall
/// time, events per second and the mean waiting time.</summary>
/// <remarks>
/// <para>Customers arrive with exponential inter-arrival times, each requests one of c counters, holds it for an
/// exponential service time and releases it. The structure, the order in which random numbers are drawn and the event
/// count match the SimPy script; the random streams differ (System.Random, Python's Mersenne Twister), so the two
/// agree statistically, not exactly.</para>
/// <para>Events: the source's start, end and one timeout per customer; per customer its start, the grant of its
/// request, its service timeout and its end: 5 per customer plus 2. SimPy also processes a release event per customer,
/// which the script leaves out of its count.</para>
/// <para>A first, untimed run of the same model lets the JIT compile the kernel's hot paths before the timed run.</para>
/// </remarks>
internal static class QueueModel
{
    public const string Command = "queue-model";

    /// <summary>Runs the model from command-line options; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"queue-model: {ex.Message}");
            Console.Error.WriteLine("usage: queue-model [--customers N] [--counters C] [--seed S] [--interarrival MEAN] [--service MEAN]");
            return 2;
        }
        _ = Simulate(options);
        var stopwatch = Stopwatch.StartNew();
        var (events, meanWait) = Simulate(options);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine=escalator customers={options.Customers} events={events} wall_s={seconds:F4} events_per_s={events / seconds:F0} mean_wait={meanWait:F4}"));
        return 0;
    }

    private static (long Events, double MeanWait) Simulate(Options options)
    {
        var sim = new Simulation();
        var counters = new Resource(sim, options.Counters, "counters");
        var random = new Random(options.Seed);
        var totalWait = new double[1];
        sim.Start(Source(sim, counters, random, options, totalWait), "source");
        sim.Run();
        return (sim.ProcessedEvents, totalWait[0] / options.Customers);
    }

    private static IEnumerable<Event> Source(Simulation sim, Resource counters, Random random, Options options, double[] totalWait)
    {
        for (var i = 0; i < options.Customers; i++)
        {
            sim.Start(Customer(sim, counters, random, options.ServiceMean, totalWait), "customer");
            yield return sim.Timeout(Exponential(random, options.InterarrivalMean));
        }
    }

    private static IEnumerable<Event> Customer(Simulation sim, Resource counters, Random random, double serviceMean, double[] totalWait)
    {
        var arrival = sim.Now;
        using var request = counters.Request();
        yield return request;
        totalWait[0] += sim.Now - arrival;
        yield return sim.Timeout(Exponential(random, serviceMean));
    }

    // Inversion, as Python's random.expovariate does: -ln(1 - U) with U in [0, 1).
    private static double Exponential(Random random, double mean) => -Math.Log(1 - random.NextDouble()) * mean;

    /// <exception cref="FormatException">An option is unknown, has no value, or a bad one.</exception>
    private static Options Parse(string[] args)
    {
        string[] known = ["--customers", "--counters", "--seed", "--interarrival", "--service"];
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i])) throw new FormatException($"unknown option '{args[i]}'");
            if (i + 1 >= args.Length) throw new FormatException($"{args[i]} needs a value");
            values[args[i]] = args[i + 1];
        }
        var defaults = new Options();
        return new Options(
            Integer(values, "--customers", defaults.Customers, min: 1),
            Integer(values, "--counters", defaults.Counters, min: 1),
            Integer(values, "--seed", defaults.Seed, min: int.MinValue),
            Mean(values, "--interarrival", defaults.InterarrivalMean),
            Mean(values, "--service", defaults.ServiceMean));
    }

    private static int Integer(Dictionary<string, string> values, string name, int fallback, int min)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new FormatException($"{name} takes an integer of at least {min}, not '{text}'");
    }

    private static double Mean(Dictionary<string, string> values, string name, double fallback)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        return double.TryParse(text, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0
            ? value
            : throw new FormatException($"{name} takes a positive number of seconds, not '{text}'");
    }

    /// <summary>The model's parameters; means in seconds. By default the counters are 80 % busy.</summary>
    private sealed record Options(int Customers = 200_000, int Counters = 3, int Seed = 1, double InterarrivalMean = 1.0, double ServiceMean = 2.4);
}
