using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Access;

namespace Escalator.Service.Access;

/// <summary>Finds who presents a token: first among the local API keys (by SHA-256, compared in constant time), then by
/// asking Keystone (<c>GET /v3/auth/tokens</c>).</summary>
/// <remarks>A Keystone validation is cached until the token expires, for at most <see cref="FreshFor"/>, keyed by the
/// token's hash. Past that it is asked again; when Keystone does not answer (it may itself be under upgrade), a cached
/// validation of a token not yet expired is used, so operators keep control of a running campaign. A token Keystone
/// declares invalid is forgotten at once. Time comes from the <see cref="TimeProvider"/> given.</remarks>
public sealed class CallerAuthenticator
{
    /// <summary>How long a Keystone validation is trusted without asking again (while Keystone answers).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    /// <summary>Validations kept at most; when full, expired ones go, and if none has, all (they are asked for again).</summary>
    private const int MaxCached = 10_000;

    /// <summary>Longer than any token Keystone issues: a longer header is refused without a hash or a call.</summary>
    private const int MaxTokenLength = 8192;

    private readonly IReadOnlyList<ApiKey> _keys;
    private readonly Func<string, CancellationToken, Task<ValidatedToken?>>? _keystone;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly ConcurrentDictionary<string, Validation> _cache = new(StringComparer.Ordinal);
    private int _unreachable;

    /// <param name="keys">The local keys, or null for none.</param>
    /// <param name="keystone">Validates a token with Keystone, or null when the service has no Keystone.</param>
    /// <param name="keystoneUrl">Keystone's URL, named in the 401 challenge so a client knows where to get a token.</param>
    public CallerAuthenticator(ApiKeyFile? keys, Func<string, CancellationToken, Task<ValidatedToken?>>? keystone, Uri? keystoneUrl,
        TimeProvider time, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        if (keys is null && keystone is null) throw new ArgumentException("an authenticator needs local keys, a Keystone, or both", nameof(keys));
        (_keys, _keystone, _time, _log) = (keys?.Keys ?? [], keystone, time, log);
        Challenge = keystoneUrl is null ? "X-Auth-Token realm=\"escalator\"" : $"Keystone uri=\"{keystoneUrl.AbsoluteUri}\"";
    }

    /// <summary>The <c>WWW-Authenticate</c> value of a 401: where to get a token.</summary>
    internal string Challenge { get; }

    internal async Task<Authentication> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token)) return Authentication.Missing;
        if (token.Length > MaxTokenLength) return Authentication.Invalid;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        if (Key(hash) is { } key) return Authentication.Of(new Caller(key.Name, key.Roles.ToHashSet(StringComparer.Ordinal), key.Project));
        return _keystone is null ? Authentication.Invalid : await AskKeystoneAsync(token, Convert.ToHexString(hash), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key with this hash; every key is compared, each in constant time, so timing tells nothing of which.</summary>
    private ApiKey? Key(byte[] hash)
    {
        ApiKey? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256.AsSpan())) match = key;
        }
        return match;
    }

    private async Task<Authentication> AskKeystoneAsync(string token, string id, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var known = _cache.GetValueOrDefault(id);
        if (known is not null && known.Expires > now && now - known.Checked < FreshFor) return Authentication.Of(known.Caller);
        ValidatedToken? validated;
        try
        {
            validated = await _keystone!(token, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudFaultException e)
        {
            if (Interlocked.Exchange(ref _unreachable, 1) == 0)
            {
                _log.WriteLine($"escalator serve: Keystone cannot validate tokens now ({e.Message}); tokens validated before stay accepted until they expire");
            }
            return known is not null && known.Expires > now
                ? Authentication.Of(known.Caller)
                : Authentication.Unavailable("the identity service (Keystone) cannot validate the token now; try again later");
        }
        if (Interlocked.Exchange(ref _unreachable, 0) == 1) _log.WriteLine("escalator serve: Keystone validates tokens again");
        if (validated is null || validated.ExpiresAt <= now)
        {
            _cache.TryRemove(id, out _);
            return Authentication.Invalid;
        }
        var caller = new Caller(validated.UserId, validated.Roles.ToHashSet(StringComparer.Ordinal), validated.ProjectId, validated.ProjectName);
        Remember(id, new Validation(caller, now, validated.ExpiresAt), now);
        return Authentication.Of(caller);
    }

    private void Remember(string id, Validation validation, DateTimeOffset now)
    {
        if (_cache.Count >= MaxCached)
        {
            foreach (var (key, old) in _cache)
            {
                if (old.Expires <= now) _cache.TryRemove(key, out _);
            }
            if (_cache.Count >= MaxCached) _cache.Clear();
        }
        _cache[id] = validation;
    }

    private sealed record Validation(Caller Caller, DateTimeOffset Checked, DateTimeOffset Expires);
}
