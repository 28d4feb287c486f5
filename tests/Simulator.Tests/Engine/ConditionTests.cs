using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary><see cref="Simulation.AllOf"/> and <see cref="Simulation.AnyOf"/>: timing, failures, empty lists.</summary>
public sealed class ConditionTests
{
    [Fact]
    public void AllOf_AllOk_OkWhenTheLastIsProcessed()
    {
        var sim = new Simulation();
        var all = sim.AllOf([sim.Timeout(1), sim.Timeout(5), sim.Timeout(3)]);

        var at = RunUntilProcessed(sim, all);

        Assert.True(all.IsOk);
        Assert.Equal(5.0, at);
    }

    [Fact]
    public void AllOf_OneFails_FailedAsSoonAsItIsProcessed()
    {
        var sim = new Simulation();
        var failing = sim.Event();
        failing.Fail("migration aborted", delay: 2);
        var all = sim.AllOf([sim.Timeout(1), failing, sim.Timeout(9)]);

        var at = RunUntilProcessed(sim, all);

        Assert.True(all.IsFailed);
        Assert.Equal("migration aborted", all.FailureReason);
        Assert.Equal(2.0, at);
    }

    [Fact]
    public void AllOf_TwoFail_ReasonOfTheFirstProcessed()
    {
        var sim = new Simulation();
        var late = sim.Event();
        late.Fail("late", delay: 3);
        var early = sim.Event();
        early.Fail("early", delay: 1);

        var all = sim.AllOf([late, early]);
        sim.Run();

        Assert.Equal("early", all.FailureReason);
    }

    [Fact]
    public void AllOf_EmptyList_OkAtOnce()
    {
        var sim = new Simulation();
        sim.Run(until: 3);

        var all = sim.AllOf([]);
        var state = all.State;
        sim.Run();

        Assert.Equal(EventState.Triggered, state);
        Assert.True(all.IsOk);
        Assert.Equal(EventState.Processed, all.State);
        Assert.Equal(3.0, sim.Now);
    }

    [Fact]
    public void AllOf_EventsAlreadyProcessed_CountedAsDone()
    {
        var sim = new Simulation();
        var done = sim.Timeout(1);
        sim.Run();

        var all = sim.AllOf([done, sim.Timeout(2)]);
        var at = RunUntilProcessed(sim, all);

        Assert.True(all.IsOk);
        Assert.Equal(3.0, at);
    }

    [Fact]
    public void AnyOf_FirstProcessedOk_OkAtItsTime()
    {
        var sim = new Simulation();
        var never = sim.Event();
        var any = sim.AnyOf([never, sim.Timeout(4), sim.Timeout(2)]);

        var at = RunUntilProcessed(sim, any);

        Assert.True(any.IsOk);
        Assert.Equal(2.0, at);
        Assert.Equal(EventState.Pending, never.State);
    }

    [Fact]
    public void AnyOf_FirstProcessedFailed_FailedWithItsReason()
    {
        var sim = new Simulation();
        var failing = sim.Event();
        failing.Fail("timeout of the API", delay: 1);

        var any = sim.AnyOf([sim.Timeout(5), failing]);
        sim.Run();

        Assert.True(any.IsFailed);
        Assert.Equal("timeout of the API", any.FailureReason);
    }

    [Fact]
    public void AnyOf_EmptyList_OkAtOnce()
    {
        var sim = new Simulation();

        var any = sim.AnyOf([]);
        sim.Run();

        Assert.True(any.IsOk);
        Assert.Equal(0.0, sim.Now);
    }

    [Fact]
    public void AnyOf_NullOrForeignEvent_Throws()
    {
        var sim = new Simulation();
        var other = new Simulation();

        var nullEx = Assert.Throws<ArgumentException>(() => sim.AnyOf([sim.Event(), null!]));
        var foreignEx = Assert.Throws<ArgumentException>(() => sim.AllOf([other.Event()]));

        Assert.Contains("events[1] is null", nullEx.Message, StringComparison.Ordinal);
        Assert.Contains("another simulation", foreignEx.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllOf_Succeed_ThrowsBecauseTheEngineTriggersIt()
    {
        var sim = new Simulation();
        var all = sim.AllOf([sim.Event()]);

        Assert.Throws<InvalidOperationException>(() => all.Succeed());
    }

    [Fact]
    public void AnyOf_ProcessWaitsForRequestOrTimeout_ResumesAtTheEarlier()
    {
        var sim = new Simulation();
        var slow = sim.Timeout(10);
        var resumedAt = -1.0;

        sim.Start(ProcessTests.WaitFor(sim.AnyOf([slow, sim.Timeout(3)]), () => resumedAt = sim.Now));
        sim.Run();

        Assert.Equal(3.0, resumedAt);
        Assert.Equal(10.0, sim.Now);
    }

    /// <summary>Runs the simulation and returns the time at which <paramref name="e"/> was processed.</summary>
    private static double RunUntilProcessed(Simulation sim, Event e)
    {
        var at = double.NaN;
        e.OnProcessed(_ => at = sim.Now);
        sim.Run();
        return at;
    }
}
