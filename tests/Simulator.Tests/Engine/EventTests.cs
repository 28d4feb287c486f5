using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary>An event's life: pending, triggered Ok or Failed once, processed with its callbacks.</summary>
public sealed class EventTests
{
    [Fact]
    public void Event_New_IsPendingNeitherOkNorFailed()
    {
        var sim = new Simulation();

        var e = sim.Event();

        Assert.Equal(EventState.Pending, e.State);
        Assert.False(e.IsOk);
        Assert.False(e.IsFailed);
        Assert.Null(e.FailureReason);
        Assert.Same(sim, e.Simulation);
    }

    [Fact]
    public void Succeed_WithDelay_ProcessedThenWithCallbackAtThatTime()
    {
        var sim = new Simulation();
        var e = sim.Event();
        var seenAt = -1.0;
        e.OnProcessed(_ => seenAt = sim.Now);

        e.Succeed(delay: 4);
        var state = e.State;
        sim.Run();

        Assert.Equal(EventState.Triggered, state);
        Assert.True(e.IsOk);
        Assert.Equal(EventState.Processed, e.State);
        Assert.Equal(4.0, seenAt);
    }

    [Fact]
    public void Fail_WithReason_IsFailedWithReason()
    {
        var sim = new Simulation();
        var e = sim.Event();

        e.Fail("disk full", delay: 1);
        sim.Run();

        Assert.True(e.IsFailed);
        Assert.False(e.IsOk);
        Assert.Equal("disk full", e.FailureReason);
    }

    [Fact]
    public void Succeed_AlreadyTriggered_Throws()
    {
        var sim = new Simulation();
        var e = sim.Event();
        e.Fail("first");

        var ex = Assert.Throws<InvalidOperationException>(() => e.Succeed());

        Assert.Contains("already triggered", ex.Message, StringComparison.Ordinal);
        Assert.Equal("first", e.FailureReason);
    }

    [Fact]
    public void Succeed_OnTimeout_Throws()
    {
        var sim = new Simulation();
        var timeout = sim.Timeout(1);

        Assert.Throws<InvalidOperationException>(() => timeout.Succeed());
    }

    [Fact]
    public void Succeed_NegativeDelay_ThrowsAndStaysPending()
    {
        var sim = new Simulation();
        var e = sim.Event();

        Assert.Throws<ArgumentOutOfRangeException>(() => e.Succeed(-1));

        Assert.Equal(EventState.Pending, e.State);
    }

    [Fact]
    public void Fail_BlankReason_Throws()
    {
        var sim = new Simulation();
        var e = sim.Event();

        Assert.Throws<ArgumentException>(() => e.Fail(""));
    }

    [Fact]
    public void OnProcessed_SeveralCallbacks_RunInRegistrationOrder()
    {
        var sim = new Simulation();
        var e = sim.Event();
        var order = new List<int>();
        e.OnProcessed(_ => order.Add(1));
        e.OnProcessed(_ => order.Add(2));
        e.OnProcessed(_ => order.Add(3));

        e.Succeed();
        sim.Run();

        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public void OnProcessed_AlreadyProcessed_Throws()
    {
        var sim = new Simulation();
        var e = sim.Event();
        e.Succeed();
        sim.Run();

        Assert.Throws<InvalidOperationException>(() => e.OnProcessed(_ => { }));
    }

    [Fact]
    public void OnProcessed_CallbackGetsTheEvent()
    {
        var sim = new Simulation();
        var e = sim.Event();
        Event? seen = null;
        e.OnProcessed(x => seen = x);

        e.Succeed();
        sim.Run();

        Assert.Same(e, seen);
    }
}
