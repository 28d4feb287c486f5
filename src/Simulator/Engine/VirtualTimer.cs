namespace Escalator.Simulator.Engine;

/// <summary>The timer of <see cref="VirtualTimeProvider.CreateTimer"/>: each firing is a timeout of the simulation.</summary>
/// <remarks>Changing or disposing the timer withdraws the firing scheduled, so that a timer given up does not keep
/// the simulation running until its due time.</remarks>
internal sealed class VirtualTimer : ITimer
{
    private static readonly TimeSpan Infinite = System.Threading.Timeout.InfiniteTimeSpan;

    private readonly Simulation _simulation;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly Action<Event> _onDue;
    private Timeout? _scheduled;
    private TimeSpan _period = Infinite;
    private bool _disposed;

    public VirtualTimer(Simulation simulation, TimerCallback callback, object? state)
    {
        _simulation = simulation;
        _callback = callback;
        _state = state;
        _onDue = OnDue;
    }

    /// <summary>Reschedules the timer; returns false once it is disposed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative and not infinite.</exception>
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        ThrowIfBad(dueTime, nameof(dueTime));
        ThrowIfBad(period, nameof(period));
        if (_disposed) return false;
        Withdraw();
        _period = period;
        if (dueTime != Infinite) Schedule(dueTime);
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        Withdraw();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnDue(Event due)
    {
        if (!ReferenceEquals(due, _scheduled)) return;
        _scheduled = null;
        // Periodic like System.Threading.Timer: a zero period fires once. Scheduled before the callback, which may
        // change or dispose the timer.
        if (_period != Infinite && _period > TimeSpan.Zero) Schedule(_period);
        _callback(_state);
    }

    private void Schedule(TimeSpan delay)
    {
        _scheduled = _simulation.Timeout(VirtualTimeProvider.ToSeconds(delay));
        _scheduled.AddWaiter(_onDue);
    }

    private void Withdraw()
    {
        if (_scheduled is null) return;
        _scheduled.IsWithdrawn = true;
        _scheduled = null;
    }

    private static void ThrowIfBad(TimeSpan time, string name)
    {
        if (time < TimeSpan.Zero && time != Infinite)
        {
            throw new ArgumentOutOfRangeException(name, time, "must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}
