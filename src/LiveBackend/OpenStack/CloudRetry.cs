using Polly;
using Polly.Retry;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>The retry pipelines of cloud calls: exponential backoff with jitter, on transient faults only, timed by a <see cref="TimeProvider"/>.</summary>
internal static class CloudRetry
{
    /// <summary>A pipeline that retries a <see cref="CloudFaultException"/> whose <see cref="Backends.BackendFault.IsTransient"/> is set.</summary>
    /// <param name="idempotent">Whether repeating the call is harmless. When it is not (a server action, a boot), only faults the service
    /// answered are retried: without an answer it may have acted already.</param>
    public static ResiliencePipeline Create(CloudCallOptions options, TimeProvider time, bool idempotent)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxRetries == 0) return ResiliencePipeline.Empty;
        var retry = new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<CloudFaultException>(f => f.IsTransient && (idempotent || f.Status is not null)),
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            MaxDelay = options.MaxRetryDelay,
        };
        if (options.Randomizer is { } random) retry.Randomizer = random;
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(retry).Build();
    }
}
