using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary>The time provider over the simulation's clock: now, timestamps, timers and <c>Task.Delay</c>.</summary>
public sealed class VirtualTimeProviderTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Never = System.Threading.Timeout.InfiniteTimeSpan;

    [Fact]
    public void GetUtcNow_AfterRun_EpochPlusNow()
    {
        var sim = new Simulation(Epoch);

        sim.Run(until: 90.5);

        Assert.Equal(Epoch.AddSeconds(90.5), sim.Time.GetUtcNow());
        Assert.Equal(TimeZoneInfo.Utc, sim.Time.LocalTimeZone);
    }

    [Fact]
    public void Epoch_WithOffset_NormalisedToUtc()
    {
        var sim = new Simulation(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)));

        var now = sim.Time.GetUtcNow();

        Assert.Equal(Epoch, now);
        Assert.Equal(TimeSpan.Zero, now.Offset);
    }

    [Fact]
    public void GetElapsedTime_BetweenTimestamps_VirtualSeconds()
    {
        var sim = new Simulation();
        var start = sim.Time.GetTimestamp();

        sim.Run(until: 2.5);
        var elapsed = sim.Time.GetElapsedTime(start);

        Assert.Equal(TimeSpan.TicksPerSecond, sim.Time.TimestampFrequency);
        Assert.Equal(TimeSpan.FromSeconds(2.5), elapsed);
    }

    [Fact]
    public void CreateTimer_OneShot_FiresOnceAtDueTime()
    {
        var sim = new Simulation();
        var fired = new List<double>();

        using var timer = sim.Time.CreateTimer(_ => fired.Add(sim.Now), null, TimeSpan.FromSeconds(3), Never);
        sim.Run();

        Assert.Equal([3.0], fired);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresEveryPeriodWithItsState()
    {
        var sim = new Simulation();
        var fired = new List<(double, object?)>();

        using var timer = sim.Time.CreateTimer(s => fired.Add((sim.Now, s)), "tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        sim.Run(until: 7.5);

        Assert.Equal([(1.0, "tick"), (3.0, "tick"), (5.0, "tick"), (7.0, "tick")], fired);
    }

    [Fact]
    public void Change_BeforeDue_FiresAtTheNewTimeOnly()
    {
        var sim = new Simulation();
        var fired = new List<double>();
        var timer = sim.Time.CreateTimer(_ => fired.Add(sim.Now), null, TimeSpan.FromSeconds(10), Never);
        sim.Run(until: 2);

        var changed = timer.Change(TimeSpan.FromSeconds(1), Never);
        sim.Run();

        Assert.True(changed);
        Assert.Equal([3.0], fired);
        Assert.Equal(3.0, sim.Now);
    }

    [Fact]
    public void Dispose_BeforeDue_NeverFiresAndDoesNotAdvanceTheClock()
    {
        var sim = new Simulation();
        var fired = 0;
        var timer = sim.Time.CreateTimer(_ => fired++, null, TimeSpan.FromHours(1), Never);

        timer.Dispose();
        sim.Run();

        Assert.Equal(0, fired);
        Assert.Equal(0.0, sim.Now);
        Assert.False(timer.Change(TimeSpan.Zero, Never));
    }

    [Fact]
    public async Task DisposeAsync_PeriodicTimer_StopsFiring()
    {
        var sim = new Simulation();
        var fired = 0;
        var timer = sim.Time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        sim.Run(until: 2.5);

        await timer.DisposeAsync();
        sim.Run(until: 10);

        Assert.Equal(2, fired);
    }

    [Fact]
    public void CreateTimer_InfiniteDueTime_NeverFires()
    {
        var sim = new Simulation();
        var fired = 0;

        using var timer = sim.Time.CreateTimer(_ => fired++, null, Never, TimeSpan.FromSeconds(1));
        sim.Run(until: 100);

        Assert.Equal(0, fired);
    }

    [Fact]
    public void CreateTimer_NegativeDueTime_Throws()
    {
        var sim = new Simulation();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => sim.Time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Never));

        Assert.Equal("dueTime", ex.ParamName);
    }

    [Fact]
    public void TaskDelay_VirtualTime_CompletesWhenTheRunPassesItsDueTime()
    {
        var sim = new Simulation();

        var delay = Task.Delay(TimeSpan.FromMinutes(5), sim.Time);
        sim.Run(until: 299);
        var completedEarly = delay.IsCompleted;
        sim.Run(until: 300);

        Assert.False(completedEarly);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void CancellationTokenSource_VirtualTimeout_CancelsAtDueTime()
    {
        var sim = new Simulation();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30), sim.Time);
        sim.Run(until: 29);
        var cancelledEarly = cts.IsCancellationRequested;
        sim.Run(until: 31);

        Assert.False(cancelledEarly);
        Assert.True(cts.IsCancellationRequested);
    }
}
