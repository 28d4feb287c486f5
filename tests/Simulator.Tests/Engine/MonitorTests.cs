using Escalator.Simulator.Engine;

namespace Escalator.Simulator.Tests.Engine;

/// <summary>Monitors: the changes recorded, and the integral and time-weighted mean of a step function.</summary>
public sealed class MonitorTests
{
    [Fact]
    public void Record_RepeatedValue_KeepsOnlyChanges()
    {
        var sim = new Simulation();
        var monitor = new Monitor<int>(sim, "hosts down");

        monitor.Record(0);
        sim.Run(until: 1);
        monitor.Record(0);
        monitor.Record(2);
        sim.Run(until: 3);
        monitor.Record(2);
        monitor.Record(1);

        Assert.Equal([(0.0, 0), (1.0, 2), (3.0, 1)], monitor.Changes);
        Assert.Equal(1, monitor.Current);
    }

    [Fact]
    public void Current_NothingRecorded_ThrowsNamingTheMonitor()
    {
        var sim = new Simulation();
        var monitor = new Monitor<string>(sim, "phase");

        var ex = Assert.Throws<InvalidOperationException>(() => monitor.Current);

        Assert.Contains("'phase'", ex.Message, StringComparison.Ordinal);
        Assert.False(monitor.HasValue);
    }

    [Fact]
    public void Integral_StepFunction_AreaUpToUntil()
    {
        var monitor = Steps((0, 2.0), (3, 5.0), (4, 0.0));

        var area = monitor.Integral(until: 10);
        var partial = monitor.Integral(until: 3.5);

        Assert.Equal(2 * 3 + 5 * 1 + 0 * 6, area, 12);
        Assert.Equal(2 * 3 + 5 * 0.5, partial, 12);
    }

    [Fact]
    public void TimeWeightedMean_StepFunction_AreaOverDuration()
    {
        var monitor = Steps((2, 1.0), (4, 3.0));

        var mean = monitor.TimeWeightedMean(until: 6);

        Assert.Equal((1.0 * 2 + 3.0 * 2) / 4, mean, 12);
    }

    [Fact]
    public void TimeWeightedMean_NoTimePassed_CurrentValue()
    {
        var monitor = Steps((2, 1.0), (2, 7.0));

        var mean = monitor.TimeWeightedMean(until: 2);

        Assert.Equal(7.0, mean);
    }

    [Fact]
    public void Integral_UntilBeforeFirstChange_Throws()
    {
        var monitor = Steps((5, 1.0));

        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.Integral(until: 4));
    }

    [Fact]
    public void Integral_Empty_IsZeroAndMeanThrows()
    {
        var monitor = new Monitor<double>(new Simulation(), "empty");

        var area = monitor.Integral(until: 3);

        Assert.Equal(0.0, area);
        Assert.Throws<InvalidOperationException>(() => monitor.TimeWeightedMean(until: 3));
    }

    [Fact]
    public void Monitor_WithInitial_RecordsItAtNow()
    {
        var sim = new Simulation();
        sim.Run(until: 4);

        var monitor = new Monitor<double>(sim, "load", 0.5);

        Assert.Equal([(4.0, 0.5)], monitor.Changes);
    }

    /// <summary>A monitor with the given (time, value) changes, recorded as the simulation's clock passes each time.</summary>
    private static Monitor<double> Steps(params (double Time, double Value)[] changes)
    {
        var sim = new Simulation();
        var monitor = new Monitor<double>(sim, "steps");
        foreach (var (time, value) in changes)
        {
            sim.Run(until: time);
            monitor.Record(value);
        }
        return monitor;
    }
}
