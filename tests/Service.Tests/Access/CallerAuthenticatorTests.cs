using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Access;
using Escalator.Service.Access;

namespace Escalator.Service.Tests.Access;

public sealed class CallerAuthenticatorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTime _time = new(Start);
    private readonly StringWriter _log = new();
    private readonly List<string> _asked = [];

    /// <summary>What the fake Keystone answers next: a validation, null (unknown token), or a fault (no answer).</summary>
    private Func<ValidatedToken?> _keystone = () => null;

    public void Dispose() => _log.Dispose();

    private CallerAuthenticator Authenticator(ApiKeyFile? keys = null) =>
        new(keys, (token, _) =>
        {
            _asked.Add(token);
            return Task.FromResult(_keystone());
        }, new Uri("http://keystone.test/v3"), _time, _log);

    private static ValidatedToken Token(TimeSpan life) =>
        new("u-7", "p-functest", "functest", ["member", "reader"], Start + life);

    private static CloudFaultException Unreachable() =>
        new("identity", "GET", new Uri("http://keystone.test/v3/auth/tokens"), null, null, null, "connection refused");

    [Fact]
    public async Task Authenticate_LocalKey_CallerWithItsRolesAndProjectAndNoKeystoneCall()
    {
        var keys = ApiKeysLoader.Parse("keys.yaml", ServeKeys.KeysYaml).Value;

        var result = await Authenticator(keys).AuthenticateAsync(ServeKeys.VnfmKey, CancellationToken.None);

        Assert.Equal(("vnfm-functest", "functest"), (result.Caller?.Name, result.Caller?.ProjectId));
        Assert.Equal(["member"], result.Caller!.Roles);
        Assert.Empty(_asked);
    }

    [Fact]
    public async Task Authenticate_KeystoneToken_ValidatedOnceThenCachedForFiveMinutes()
    {
        _keystone = () => Token(TimeSpan.FromHours(1));
        var authenticator = Authenticator();

        var first = await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(4));
        var cached = await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        var again = await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);

        Assert.Equal(("u-7", "p-functest", "functest"), (first.Caller?.Name, first.Caller?.ProjectId, first.Caller?.ProjectName));
        Assert.Equal(first.Caller, cached.Caller);
        Assert.NotNull(again.Caller);
        Assert.Equal(["tok-user", "tok-user"], _asked);
    }

    [Fact]
    public async Task Authenticate_CachedTokenPastItsExpiry_AskedAgain()
    {
        _keystone = () => Token(TimeSpan.FromMinutes(2));
        var authenticator = Authenticator();
        await authenticator.AuthenticateAsync("tok-short", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));
        _keystone = () => null;

        var result = await authenticator.AuthenticateAsync("tok-short", CancellationToken.None);

        Assert.Equal((401, "unauthorized"), (result.Status, result.Code));
        Assert.Equal(2, _asked.Count);
    }

    [Fact]
    public async Task Authenticate_KeystoneUnreachable_KeepsUsingAnEarlierValidationUntilTheTokenExpires()
    {
        _keystone = () => Token(TimeSpan.FromHours(1));
        var authenticator = Authenticator();
        await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);
        _keystone = () => throw Unreachable();

        _time.Advance(TimeSpan.FromMinutes(30));
        var during = await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(31));
        var expired = await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);

        Assert.Equal("u-7", during.Caller?.Name);
        Assert.Equal((503, "identity-unavailable"), (expired.Status, expired.Code));
        Assert.Single(_log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("Keystone cannot validate tokens now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authenticate_KeystoneUnreachableAndTokenNeverSeen_503()
    {
        _keystone = () => throw Unreachable();

        var result = await Authenticator().AuthenticateAsync("tok-new", CancellationToken.None);

        Assert.Equal((null, 503), (result.Caller, result.Status));
    }

    [Fact]
    public async Task Authenticate_TokenRevoked_RefusedAtTheNextValidationAndForgotten()
    {
        _keystone = () => Token(TimeSpan.FromHours(1));
        var authenticator = Authenticator();
        await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(6));
        _keystone = () => null;

        var revoked = await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);
        _keystone = () => throw Unreachable();
        var afterwards = await authenticator.AuthenticateAsync("tok-user", CancellationToken.None);

        Assert.Equal(401, revoked.Status);
        Assert.Equal(503, afterwards.Status);
    }

    [Fact]
    public async Task Authenticate_NoToken_401AndTheChallengeNamesKeystone()
    {
        var authenticator = Authenticator();

        var result = await authenticator.AuthenticateAsync(null, CancellationToken.None);

        Assert.Equal((401, "unauthorized"), (result.Status, result.Code));
        Assert.Equal("Keystone uri=\"http://keystone.test/v3\"", authenticator.Challenge);
        Assert.Empty(_asked);
    }
}
