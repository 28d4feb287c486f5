using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary>Cancelling processes: finally blocks run, waiters see the failure, a cancelled process never resumes.</summary>
public sealed partial class ProcessTests
{
    [Fact]
    public void Cancel_WaitingProcess_RunsFinallyAndEndsFailed()
    {
        var sim = new Simulation();
        var log = new List<string>();
        var victim = sim.Start(Guarded(sim, log), "victim");
        string? seen = null;
        sim.Start(CancelAt(sim, victim, 2, "operator abort"), "canceller");
        sim.Start(WaitFor(victim, () => seen = $"{sim.Now}: {victim.FailureReason}"), "watcher");

        sim.Run();

        Assert.Equal(["started", "finally at 2"], log);
        Assert.True(victim.IsFailed);
        Assert.False(victim.IsAlive);
        Assert.Equal("2: operator abort", seen);
    }

    [Fact]
    public void Cancel_BeforeFirstStep_BodyNeverRuns()
    {
        var sim = new Simulation();
        var log = new List<string>();
        var process = sim.Start(Guarded(sim, log), "never");

        process.Cancel("called off");
        sim.Run();

        Assert.Empty(log);
        Assert.Equal("called off", process.FailureReason);
    }

    [Fact]
    public void Cancel_ByAnotherWaiterOfTheSameEvent_CancelledOneDoesNotResume()
    {
        var sim = new Simulation();
        var shared = sim.Event();
        var log = new List<string>();
        Process? second = null;
        // Three waiters, so that the canceller and its victim are both among the waiters after the first.
        sim.Start(Logged(shared, log, "bystander resumed"), "bystander");
        sim.Start(CancelOnResume(shared, () => second!, log), "first");
        second = sim.Start(Logged(shared, log, "second resumed"), "second");
        sim.Run();

        shared.Succeed();
        sim.Run();

        Assert.Equal(["bystander resumed", "first resumed"], log);
        Assert.True(second.IsFailed);
    }

    [Fact]
    public void Cancel_EndedProcess_DoesNothing()
    {
        var sim = new Simulation();
        var process = sim.Start(Ticker(sim, [], 1, 1));
        sim.Run();

        process.Cancel("late");

        Assert.True(process.IsOk);
        Assert.Null(process.FailureReason);
    }

    [Fact]
    public void Cancel_Itself_Throws()
    {
        var sim = new Simulation();
        sim.Start(CancelSelf(sim), "selfish");

        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());

        Assert.Contains("'selfish'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot cancel itself", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Event> Guarded(Simulation sim, List<string> log)
    {
        log.Add("started");
        try
        {
            yield return sim.Timeout(10);
            log.Add("not cancelled");
        }
        finally
        {
            log.Add($"finally at {sim.Now}");
        }
    }

    private static IEnumerable<Event> CancelAt(Simulation sim, Process victim, double at, string reason)
    {
        yield return sim.Timeout(at);
        victim.Cancel(reason);
    }

    private static IEnumerable<Event> CancelOnResume(Event shared, Func<Process> victim, List<string> log)
    {
        yield return shared;
        log.Add("first resumed");
        victim().Cancel("the first one won");
    }

    private static IEnumerable<Event> Logged(Event e, List<string> log, string message)
    {
        yield return e;
        log.Add(message);
    }

    private static IEnumerable<Event> CancelSelf(Simulation sim)
    {
        yield return sim.Timeout(1);
        sim.ActiveProcess!.Cancel("me");
    }
}
