namespace Escalator.LiveBackend.OpenStack;

/// <summary>Bounded polling on a <see cref="TimeProvider"/>: every wait has a deadline, and time is the provider's.</summary>
internal static class Poll
{
    /// <summary>Calls <paramref name="probe"/> every <paramref name="interval"/> until <paramref name="done"/> holds; the value then.</summary>
    /// <exception cref="TimeoutException">Not done within <paramref name="timeout"/>; the message is <paramref name="describe"/> of the last value.</exception>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> done, TimeSpan timeout, TimeSpan interval,
        TimeProvider time, Func<T?, string> describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var value = await probe(cancellationToken).ConfigureAwait(false);
            if (done(value)) return value;
            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"{describe(value)} after {timeout.TotalSeconds:0.#} s");
            }
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
