using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary>Resources: capacity, the waiting order (priority, then arrival), release, leaving the queue.</summary>
public sealed class ResourceTests
{
    [Fact]
    public void Request_CapacityTwoThreeUsers_ThirdWaitsForTheFirstRelease()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 2, "slots");
        var granted = new List<(string, double)>();

        sim.Start(Use(sim, slots, "a", hold: 4, granted));
        sim.Start(Use(sim, slots, "b", hold: 6, granted));
        sim.Start(Use(sim, slots, "c", hold: 1, granted));
        sim.Run();

        Assert.Equal([("a", 0.0), ("b", 0.0), ("c", 4.0)], granted);
        Assert.Equal(0, slots.InUse);
        Assert.Equal(6.0, sim.Now);
    }

    [Fact]
    public void Request_WhileFull_CountsInUseAndQueued()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 1);

        var first = slots.Request();
        var second = slots.Request();
        var third = slots.Request();

        Assert.Equal(1, slots.InUse);
        Assert.Equal(2, slots.Queued);
        Assert.True(first.IsOk);
        Assert.Equal(EventState.Pending, second.State);
        Assert.Equal(EventState.Pending, third.State);
    }

    [Fact]
    public void Dispose_Granted_GrantsTheNextInArrivalOrder()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 1);
        var first = slots.Request();
        var second = slots.Request();
        var third = slots.Request();

        first.Dispose();

        Assert.True(second.IsOk);
        Assert.Equal(EventState.Pending, third.State);
        Assert.Equal(1, slots.InUse);
        Assert.Equal(1, slots.Queued);
    }

    [Fact]
    public void Request_Priorities_LowerValueServedFirstThenArrival()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 1);
        var holder = slots.Request();
        var order = new List<string>();
        // Each request releases its unit as soon as it is granted, so the grants follow the waiting order.
        Waiting(slots, order, "normal1", Priority.Normal);
        Waiting(slots, order, "late", Priority.Late);
        Waiting(slots, order, "normal2", Priority.Normal);
        Waiting(slots, order, "urgent", Priority.Urgent);

        holder.Dispose();
        sim.Run();

        Assert.Equal(["urgent", "normal1", "normal2", "late"], order);
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public void Dispose_BeforeGrant_LeavesTheQueueAndIsNeverGranted()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 1);
        var holder = slots.Request();
        var leaver = slots.Request();
        var stayer = slots.Request();

        leaver.Dispose();
        var queued = slots.Queued;
        holder.Dispose();
        sim.Run();

        Assert.Equal(1, queued);
        Assert.Equal(EventState.Pending, leaver.State);
        Assert.True(stayer.IsOk);
        Assert.Equal(1, slots.InUse);
    }

    [Fact]
    public void Dispose_Twice_ReleasesOnce()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 2);
        var a = slots.Request();
        slots.Request();

        a.Dispose();
        a.Dispose();

        Assert.Equal(1, slots.InUse);
    }

    [Fact]
    public void Cancel_ProcessHoldingUnit_ReleasesItToTheNext()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 1);
        var granted = new List<(string, double)>();
        var holder = sim.Start(Use(sim, slots, "holder", hold: 100, granted), "holder");
        sim.Start(Use(sim, slots, "next", hold: 1, granted), "next");
        sim.Run(until: 5);

        holder.Cancel("maintenance window closed");
        sim.Run();

        Assert.Equal([("holder", 0.0), ("next", 5.0)], granted);
        Assert.True(holder.IsFailed);
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public void Resource_BadArguments_Throw()
    {
        var sim = new Simulation();

        Assert.Throws<ArgumentOutOfRangeException>(() => new Resource(sim, 0));
        Assert.Throws<ArgumentNullException>(() => new Resource(null!, 1));
        Assert.Throws<ArgumentException>(() => new Resource(sim, 1, ""));
    }

    [Fact]
    public void Request_Succeed_ThrowsBecauseTheResourceGrantsIt()
    {
        var sim = new Simulation();
        var slots = new Resource(sim, 1, "api");
        slots.Request();
        var waiting = slots.Request();

        Assert.Throws<InvalidOperationException>(() => waiting.Succeed());
        Assert.Same(slots, waiting.Resource);
    }

    private static IEnumerable<Event> Use(Simulation sim, Resource resource, string name, double hold, List<(string, double)> granted)
    {
        using var request = resource.Request();
        yield return request;
        granted.Add((name, sim.Now));
        yield return sim.Timeout(hold);
    }

    private static void Waiting(Resource resource, List<string> order, string name, int priority)
    {
        var request = resource.Request(priority);
        request.OnProcessed(_ =>
        {
            order.Add(name);
            request.Dispose();
        });
    }
}
