namespace Escalator.LiveBackend.Backends;

/// <summary>Waits on a <see cref="TimeProvider"/> to the tick: <c>Task.Delay</c> with a provider rounds a wait down to whole
/// milliseconds, so the executor in virtual time would drift from the simulator, whose times it must match exactly.</summary>
public static class Delays
{
    /// <summary>Completes after <paramref name="delay"/> on <paramref name="time"/> (never, for an infinite one), or is cancelled
    /// with <paramref name="cancellationToken"/>. Its continuations run on the awaiting context (the virtual-time loop's).</summary>
    public static Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (delay <= TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ITimer? timer = null;
        CancellationTokenRegistration registration = default;
        timer = time.CreateTimer(_ =>
        {
            if (done.TrySetResult()) registration.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
        registration = cancellationToken.Register(() =>
        {
            if (done.TrySetCanceled(cancellationToken)) timer.Dispose();
        });
        return done.Task;
    }
}
