using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary>The clock and the event queue: order, <c>Run</c> and <c>Run(until)</c>, argument checks.</summary>
public sealed class SimulationTests
{
    [Fact]
    public void Run_EventsOfDifferentTimes_ProcessedInTimeOrder()
    {
        var sim = new Simulation();
        var order = new List<string>();
        Schedule(sim, order, "t3", 3);
        Schedule(sim, order, "t1", 1);
        Schedule(sim, order, "t2", 2);

        sim.Run();

        Assert.Equal(["t1", "t2", "t3"], order);
        Assert.Equal(3.0, sim.Now);
        Assert.Equal(3, sim.ProcessedEvents);
    }

    [Fact]
    public void Run_SameTimeDifferentPriorities_LowerPriorityFirst()
    {
        var sim = new Simulation();
        var order = new List<string>();
        Schedule(sim, order, "late", 1, Priority.Late);
        Schedule(sim, order, "normal", 1, Priority.Normal);
        Schedule(sim, order, "urgent", 1, Priority.Urgent);

        sim.Run();

        Assert.Equal(["urgent", "normal", "late"], order);
    }

    [Fact]
    public void Run_ManyEventsSameTimeAndPriority_FirstScheduledFirst()
    {
        var sim = new Simulation();
        var order = new List<string>();
        var names = Enumerable.Range(0, 100).Select(i => $"e{i}").ToList();
        foreach (var name in names)
        {
            Schedule(sim, order, name, 5);
        }

        sim.Run();

        Assert.Equal(names, order);
    }

    [Fact]
    public void Run_Until_ProcessesEventsAtOrBeforeItAndSetsNow()
    {
        var sim = new Simulation();
        var order = new List<string>();
        Schedule(sim, order, "at2", 2);
        Schedule(sim, order, "at5", 5);
        Schedule(sim, order, "at9", 9);

        sim.Run(until: 5);
        var afterFirst = $"{sim.Now}: {string.Join(",", order)}";
        sim.Run(until: 7);
        var afterSecond = $"{sim.Now}: {string.Join(",", order)}";
        sim.Run();

        Assert.Equal("5: at2,at5", afterFirst);
        Assert.Equal("7: at2,at5", afterSecond);
        Assert.Equal(["at2", "at5", "at9"], order);
        Assert.Equal(9.0, sim.Now);
    }

    [Fact]
    public void Run_UntilAnEvent_StopsAtItsTimeWithEverythingThenProcessed()
    {
        var sim = new Simulation();
        var order = new List<string>();
        Schedule(sim, order, "at2", 2);
        Schedule(sim, order, "at5late", 5, Priority.Late);
        Schedule(sim, order, "at9", 9);
        var process = sim.Start(Wait(sim, 5), "waits 5");

        sim.Run(until: process);

        Assert.True(process.IsOk);
        Assert.Equal("5: at2,at5late", $"{sim.Now}: {string.Join(",", order)}");
        sim.Run();
        Assert.Equal(["at2", "at5late", "at9"], order);
    }

    [Fact]
    public void Run_UntilAnEventOfAnotherSimulation_Throws()
    {
        var sim = new Simulation();

        var ex = Assert.Throws<ArgumentException>(() => sim.Run(until: new Simulation().Event()));

        Assert.Equal("until", ex.ParamName);
    }

    private static IEnumerable<Event> Wait(Simulation sim, double seconds)
    {
        yield return sim.Timeout(seconds);
    }

    [Fact]
    public void Run_UntilOnEmptyQueue_AdvancesNow()
    {
        var sim = new Simulation();

        sim.Run(until: 42.5);

        Assert.Equal(42.5, sim.Now);
        Assert.Equal(0, sim.ProcessedEvents);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Run_UntilBeforeNowOrNaN_Throws(double until)
    {
        var sim = new Simulation();
        sim.Run(until: 1);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(until));

        Assert.Equal("until", ex.ParamName);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Timeout_BadDelay_Throws(double delay)
    {
        var sim = new Simulation();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Timeout(delay));

        Assert.Equal("delay", ex.ParamName);
    }

    [Fact]
    public void Timeout_Created_IsTriggeredOkWithItsDelay()
    {
        var sim = new Simulation();
        sim.Run(until: 10);

        var timeout = sim.Timeout(2.5);
        var stateBefore = timeout.State;
        sim.Run();

        Assert.Equal(EventState.Triggered, stateBefore);
        Assert.True(timeout.IsOk);
        Assert.Equal(2.5, timeout.Delay);
        Assert.Equal(EventState.Processed, timeout.State);
        Assert.Equal(12.5, sim.Now);
    }

    [Fact]
    public void Start_NullBodyOrBlankName_Throws()
    {
        var sim = new Simulation();

        Assert.Throws<ArgumentNullException>(() => sim.Start(null!));
        Assert.Throws<ArgumentException>(() => sim.Start(Array.Empty<Event>(), " "));
    }

    [Fact]
    public void Run_CalledFromProcessBody_Throws()
    {
        var sim = new Simulation();
        sim.Start(RunInside(sim), "reentrant");

        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run());

        Assert.Contains("'reentrant'", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("from inside the simulation", ex.InnerException.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Epoch_Default_Is2026()
    {
        var sim = new Simulation();

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), sim.Time.Epoch);
    }

    private static void Schedule(Simulation sim, List<string> order, string name, double delay, int priority = Priority.Normal)
    {
        var e = sim.Event();
        e.OnProcessed(_ => order.Add(name));
        e.Succeed(delay, priority);
    }

    private static IEnumerable<Event> RunInside(Simulation sim)
    {
        yield return sim.Timeout(1);
        sim.Run();
    }
}
