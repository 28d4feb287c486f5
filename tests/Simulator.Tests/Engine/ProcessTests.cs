using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary>Processes: their steps, waiting on events and on other processes, failures and errors.</summary>
public sealed partial class ProcessTests
{
    [Fact]
    public void Start_BeforeRun_FirstStepRunsOnlyUnderRun()
    {
        var sim = new Simulation();
        var steps = new List<double>();

        sim.Start(Ticker(sim, steps, 3, 1.5));
        var before = steps.Count;
        sim.Run();

        Assert.Equal(0, before);
        Assert.Equal([0.0, 1.5, 3.0], steps);
    }

    [Fact]
    public void Start_BodyEnds_ProcessIsOkAndNotAlive()
    {
        var sim = new Simulation();

        var process = sim.Start(Ticker(sim, [], 2, 1), "ticker");
        var aliveAtStart = process.IsAlive;
        sim.Run();

        Assert.True(aliveAtStart);
        Assert.False(process.IsAlive);
        Assert.True(process.IsOk);
        Assert.Equal(EventState.Processed, process.State);
        Assert.Equal("ticker", process.Name);
        Assert.Equal(2.0, sim.Now);
    }

    [Fact]
    public void Start_FirstStep_RunsBeforeNormalEventsOfTheSameTime()
    {
        var sim = new Simulation();
        var order = new List<string>();
        var e = sim.Event();
        e.OnProcessed(_ => order.Add("event"));
        e.Succeed();

        sim.Start(Record(order, "process"));
        sim.Run();

        Assert.Equal(["process", "event"], order);
    }

    [Fact]
    public void Process_WaitsOnProcess_ResumesWhenItEnds()
    {
        var sim = new Simulation();
        var child = sim.Start(Ticker(sim, [], 2, 2), "child");
        var resumedAt = -1.0;
        var childOk = false;

        sim.Start(WaitFor(child, () => { resumedAt = sim.Now; childOk = child.IsOk; }), "parent");
        sim.Run();

        Assert.Equal(4.0, resumedAt);
        Assert.True(childOk);
    }

    [Fact]
    public void Process_YieldsFailedEvent_SeesFailureAndReason()
    {
        var sim = new Simulation();
        var e = sim.Event();
        e.Fail("API returned 503", delay: 2);
        string? seen = null;

        sim.Start(WaitFor(e, () => seen = e.IsFailed ? e.FailureReason : "ok"));
        sim.Run();

        Assert.Equal("API returned 503", seen);
        Assert.Equal(2.0, sim.Now);
    }

    [Fact]
    public void FailWith_ThenYieldBreak_ProcessEndsFailedAndWaiterSeesReason()
    {
        var sim = new Simulation();
        var failing = sim.Start(FailAfter(sim, 1, "host did not come back"), "upgrade");
        string? seen = null;

        sim.Start(WaitFor(failing, () => seen = failing.FailureReason));
        sim.Run();

        Assert.True(failing.IsFailed);
        Assert.Equal("host did not come back", seen);
        Assert.False(failing.IsAlive);
    }

    [Fact]
    public void FailWith_FromOutsideTheBody_Throws()
    {
        var sim = new Simulation();
        var process = sim.Start(Ticker(sim, [], 1, 1));

        Assert.Throws<InvalidOperationException>(() => process.FailWith("no"));
    }

    [Fact]
    public void Process_YieldsProcessedEvents_ResumesAtOnceWithoutDeepRecursion()
    {
        var sim = new Simulation();
        var done = sim.Event();
        done.Succeed();
        sim.Run();
        var count = 0;

        sim.Start(YieldMany(done, 1_000_000, () => count++));
        sim.Run();

        Assert.Equal(1_000_000, count);
        Assert.Equal(0.0, sim.Now);
    }

    [Fact]
    public void Process_YieldsNull_ThrowsNamingTheProcess()
    {
        var sim = new Simulation();
        var process = sim.Start(YieldNull(), "broken");

        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());

        Assert.Contains("'broken' yielded null", ex.Message, StringComparison.Ordinal);
        Assert.True(process.IsFailed);
    }

    [Fact]
    public void Process_YieldsEventOfAnotherSimulation_Throws()
    {
        var sim = new Simulation();
        var other = new Simulation();
        sim.Start(WaitFor(other.Timeout(1), () => { }), "confused");

        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());

        Assert.Contains("'confused' yielded an event of another simulation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_BodyThrows_RunThrowsWithNameAndTime()
    {
        var sim = new Simulation();
        sim.Start(ThrowAt(sim, 7.25), "faulty");

        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());

        Assert.Contains("'faulty'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("7.25 s", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(ex.InnerException);
        Assert.Null(sim.ActiveProcess);
    }

    [Fact]
    public void ActiveProcess_InsideBody_IsThatProcess()
    {
        var sim = new Simulation();
        Process? seen = null;

        var process = sim.Start(WaitFor(sim.Timeout(1), () => seen = sim.ActiveProcess));
        sim.Run();

        Assert.Same(process, seen);
        Assert.Null(sim.ActiveProcess);
    }

    internal static IEnumerable<Event> Ticker(Simulation sim, List<double> steps, int count, double step)
    {
        for (var i = 0; i < count; i++)
        {
            steps.Add(sim.Now);
            yield return sim.Timeout(step);
        }
    }

    internal static IEnumerable<Event> WaitFor(Event e, Action then)
    {
        yield return e;
        then();
    }

    private static IEnumerable<Event> Record(List<string> order, string name)
    {
        order.Add(name);
        yield break;
    }

    private static IEnumerable<Event> FailAfter(Simulation sim, double delay, string reason)
    {
        yield return sim.Timeout(delay);
        sim.ActiveProcess!.FailWith(reason);
    }

    private static IEnumerable<Event> YieldMany(Event processed, int count, Action each)
    {
        for (var i = 0; i < count; i++)
        {
            each();
            yield return processed;
        }
    }

    private static IEnumerable<Event> YieldNull()
    {
        yield return null!;
    }

    private static IEnumerable<Event> ThrowAt(Simulation sim, double at)
    {
        yield return sim.Timeout(at);
        throw new FormatException("bad flavour");
    }
}
