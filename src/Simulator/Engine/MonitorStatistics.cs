namespace Escalator.Simulator.Engine;

/// <summary>Statistics of a <see cref="Monitor{T}"/> of doubles read as a step function of time.</summary>
/// <remarks>The function starts at the first change recorded: before it nothing is known, so nothing is counted.</remarks>
public static class MonitorStatistics
{
    /// <summary>The area under the step function from the first change to <paramref name="until"/> (value × seconds);
    /// 0 when nothing is recorded. Changes after <paramref name="until"/> are ignored.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is before the first change, or not finite.</exception>
    public static double Integral(this Monitor<double> monitor, double until)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var changes = monitor.Changes;
        if (changes.Count == 0) return 0;
        ThrowIfBefore(until, changes[0].Time);
        var area = 0.0;
        for (var i = 0; i < changes.Count && changes[i].Time < until; i++)
        {
            var end = i + 1 < changes.Count ? Math.Min(changes[i + 1].Time, until) : until;
            area += changes[i].Value * (end - changes[i].Time);
        }
        return area;
    }

    /// <summary>The mean of the value over time from the first change to <paramref name="until"/>; the value at that
    /// time when no time has passed.</summary>
    /// <exception cref="InvalidOperationException">Nothing is recorded.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Integral"/>.</exception>
    public static double TimeWeightedMean(this Monitor<double> monitor, double until)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var changes = monitor.Changes;
        if (changes.Count == 0)
        {
            throw new InvalidOperationException($"Monitor '{monitor.Name}' has recorded nothing: it has no mean.");
        }
        var span = until - changes[0].Time;
        if (span > 0) return monitor.Integral(until) / span;
        ThrowIfBefore(until, changes[0].Time);
        var last = 0;
        while (last + 1 < changes.Count && changes[last + 1].Time <= until) last++;
        return changes[last].Value;
    }

    private static void ThrowIfBefore(double until, double start)
    {
        if (!double.IsFinite(until) || until < start)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"must be finite and not before the first change ({start:R} s).");
        }
    }
}
