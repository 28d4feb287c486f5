namespace Escalator.LiveBackend.OpenStack;

/// <summary>How calls to a cloud are made: timeouts, retries and API microversions.</summary>
/// <remarks>
/// A call that fails with a transient fault (<see cref="Backends.BackendFault.IsTransient"/>) is tried again up to
/// <see cref="MaxRetries"/> times after an exponential backoff with jitter starting at <see cref="RetryDelay"/> and capped at
/// <see cref="MaxRetryDelay"/>; a call that is not safe to repeat (such as a server action) is repeated only when the service
/// answered and so did not act on it. Every attempt is bounded by <see cref="Timeout"/>.
/// </remarks>
public sealed record CloudCallOptions
{
    /// <summary>The longest one attempt of one call may take before it counts as unanswered.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a transient fault is retried (0: never).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The mean first delay between attempts; later ones double.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The compute API microversion; 2.80 is what Escalator is tested with (Zed supports up to 2.93).</summary>
    public string ComputeMicroversion { get; init; } = "2.80";

    /// <summary>The placement API microversion; 1.19 gives provider trees and everything Escalator reads (Zed supports up to 1.39).</summary>
    public string PlacementMicroversion { get; init; } = "1.19";

    /// <summary>Draws the jitter of retry delays, in [0, 1); null: Polly's own random source. Tests fix it.</summary>
    public Func<double>? Randomizer { get; init; }
}
