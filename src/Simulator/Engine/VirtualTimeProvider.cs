namespace Escalator.Simulator.Engine;

/// <summary>A <see cref="TimeProvider"/> over a simulation's clock, so code written against time providers (delays,
/// timers, timeouts) runs in virtual time.</summary>
/// <remarks>
/// <para>UTC now is the epoch plus <see cref="Simulation.Now"/>; timestamps are ticks (100 ns) of virtual time. Timers
/// fire as events of the simulation, on the thread that runs it: <c>Task.Delay(delay, provider)</c> completes while
/// <see cref="Simulation.Run()"/> passes its due time.</para>
/// <para>Like the simulation, it is not thread-safe: create and change timers on the simulation's thread only.</para>
/// </remarks>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Simulation _simulation;

    internal VirtualTimeProvider(Simulation simulation, DateTimeOffset epoch)
    {
        _simulation = simulation;
        Epoch = epoch.ToUniversalTime();
    }

    /// <summary>The UTC time of <see cref="Simulation.Now"/> = 0.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>UTC: simulated operations are logged and compared in UTC.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary><see cref="TimeSpan.TicksPerSecond"/>: a timestamp is a number of ticks of virtual time.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The epoch plus <see cref="Simulation.Now"/>, to the tick.</summary>
    public override DateTimeOffset GetUtcNow() => Epoch.AddTicks(ToTicks(_simulation.Now));

    /// <summary><see cref="Simulation.Now"/> in ticks.</summary>
    public override long GetTimestamp() => ToTicks(_simulation.Now);

    /// <summary>A timer whose callback runs as an event of the simulation at its due time, then every
    /// <paramref name="period"/> unless it is <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> or zero.</summary>
    /// <remarks>An exception thrown by the callback leaves <see cref="Simulation.Run()"/> as it is.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative and not infinite.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(_simulation, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    internal static long ToTicks(double seconds) => (long)Math.Round(seconds * TimeSpan.TicksPerSecond);

    internal static double ToSeconds(TimeSpan span) => span.Ticks / (double)TimeSpan.TicksPerSecond;
}
