using System.Text;
using System.Text.Json;
using Polly;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>A logged-in session with a cloud's Keystone: a project-scoped token, renewed before it expires, and its catalog.</summary>
/// <remarks>
/// Thread-safe: callers share one token, and when it needs renewing (see <see cref="KeystoneToken.NeedsRenewal"/>), or a service
/// refused it with 401, one caller renews it while the others wait for that renewal. Logging in is retried on transient faults
/// like any other call. Time comes from the <see cref="TimeProvider"/> given.
/// </remarks>
internal sealed partial class KeystoneSession : IDisposable
{
    private const string Service = "identity";

    private readonly HttpClient _http;
    private readonly CloudCallOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KeystoneToken? _token;
    private DateTimeOffset _renewalFailed = DateTimeOffset.MinValue;

    internal KeystoneSession(CloudConfig config, HttpClient http, CloudCallOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Config = config;
        _http = http;
        _options = options;
        _time = time;
        _retry = CloudRetry.Create(options, time, idempotent: true);
    }

    public CloudConfig Config { get; }

    /// <summary>How many tokens this session has obtained (the first and every renewal).</summary>
    public int TokensIssued { get; private set; }

    /// <summary>A token valid for a while yet: the current one, or a new one when it is close to expiry.</summary>
    /// <remarks>Keystone may itself be under upgrade: when renewing fails for a reason a retry could mend (no answer, 503 …)
    /// and the current token has not expired yet, the current one is used, and renewing is tried again by a call at least
    /// <see cref="RenewalPause"/> later. Only a token past its expiry makes a renewal failure the caller's.</remarks>
    public async Task<KeystoneToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var token = _token;
        var now = _time.GetUtcNow();
        if (token is not null && !token.NeedsRenewal(now)) return token;
        if (token is not null && token.ExpiresAt > now && now - _renewalFailed < RenewalPause) return token;
        try
        {
            return await RenewAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudFaultException e) when (e.IsTransient && token is not null && token.ExpiresAt > _time.GetUtcNow())
        {
            _renewalFailed = _time.GetUtcNow();
            return token;
        }
    }

    /// <summary>How long after a failed renewal the current, still valid, token is used without trying again.</summary>
    public static readonly TimeSpan RenewalPause = TimeSpan.FromSeconds(30);

    /// <summary>A new token in place of <paramref name="stale"/>, unless another caller already replaced it with a good one.</summary>
    /// <param name="stale">The token found wanting (refused with 401, or about to expire); null for the first login.</param>
    public async Task<KeystoneToken> RenewAsync(KeystoneToken? stale, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _token;
            if (current is not null && !ReferenceEquals(current, stale) && !current.NeedsRenewal(_time.GetUtcNow())) return current;
            var fresh = await _retry.ExecuteAsync(LoginAsync, cancellationToken).ConfigureAwait(false);
            TokensIssued++;
            _token = fresh;
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async ValueTask<KeystoneToken> LoginAsync(CancellationToken cancellationToken)
    {
        var url = new Uri(Config.AuthUrl.AbsoluteUri.TrimEnd('/') + "/auth/tokens");
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(AuthBody(Config).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var answer = await HttpExchange.SendAsync(_http, Service, request, _options.Timeout, _time, cancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            throw answer.Fault(Service, answer.Status == System.Net.HttpStatusCode.Unauthorized
                ? $"Keystone refused the credentials of {Config.DisplayName}" : null);
        }
        if (answer.Headers.GetValueOrDefault("X-Subject-Token") is not { Length: > 0 } value)
        {
            throw answer.Fault(Service, "no X-Subject-Token header in the answer");
        }
        try
        {
            using var body = JsonDocument.Parse(answer.Body);
            return ParseToken(value, body.RootElement);
        }
        catch (JsonException e)
        {
            throw answer.Fault(Service, $"the token's body is not JSON: {e.Message}");
        }
    }
}
