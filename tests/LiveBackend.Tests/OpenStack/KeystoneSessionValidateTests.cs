using System.Net;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed class KeystoneSessionValidateTests : IDisposable
{
    private readonly InstantTime _time = new();
    private readonly FakeCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    /// <summary>The validations sent (logins are POSTs to the same path).</summary>
    private List<Recorded> Validations => [.. _cloud.Requests.Where(r => r.Method == HttpMethod.Get)];

    /// <summary>Keystone's validation route: the caller's token 'user-tok' is known, any other is not (404).</summary>
    private static HttpResponseMessage Validation(Recorded r, DateTimeOffset now) =>
        r.Header("X-Subject-Token") == "user-tok"
            ? FakeCloud.Json(HttpStatusCode.OK, FakeKeystone.TokenBody(now, now + TimeSpan.FromHours(2)))
            : FakeCloud.Json(HttpStatusCode.NotFound, """{"error": {"code": 404, "message": "Could not find token."}}""");

    [Fact]
    public async Task Validate_KnownToken_SendsOwnAndSubjectTokensAndReadsUserProjectRolesExpiry()
    {
        _cloud.WithKeystone(_time).On("GET", FakeCloud.Keystone + "/auth/tokens", r => Validation(r, _time.GetUtcNow()));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var token = await connection.Session.ValidateAsync("user-tok");

        var call = Assert.Single(Validations);
        Assert.Equal("/v3/auth/tokens?nocatalog", call.PathAndQuery);
        Assert.Equal(("tok-1", "user-tok"), (call.Header("X-Auth-Token"), call.Header("X-Subject-Token")));
        Assert.Equal(("u-1", "p-1", "admin"), (token!.UserId, token.ProjectId, token.ProjectName));
        Assert.Equal(["admin", "member"], token.Roles.AsEnumerable());
        Assert.Equal(InstantTime.Start + TimeSpan.FromHours(2), token.ExpiresAt);
    }

    [Fact]
    public async Task Validate_UnknownToken_Null()
    {
        _cloud.WithKeystone(_time).On("GET", FakeCloud.Keystone + "/auth/tokens", r => Validation(r, _time.GetUtcNow()));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        Assert.Null(await connection.ValidateTokenAsync("forged"));
    }

    [Fact]
    public async Task Validate_OwnTokenRefused_RenewsItOnceAndAsksAgain()
    {
        _cloud.WithKeystone(_time).On("GET", FakeCloud.Keystone + "/auth/tokens",
            _ => FakeCloud.Json(HttpStatusCode.Unauthorized, """{"error": {"code": 401}}"""), r => Validation(r, _time.GetUtcNow()));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var token = await connection.Session.ValidateAsync("user-tok");

        Assert.Equal("u-1", token?.UserId);
        Assert.Equal(["tok-1", "tok-2"], Validations.Select(c => c.Header("X-Auth-Token")));
        Assert.Equal(2, connection.Session.TokensIssued);
    }

    [Fact]
    public async Task Validate_ServiceUserMayNotValidate_FaultNamesThePolicy()
    {
        _cloud.WithKeystone(_time).On("GET", FakeCloud.Keystone + "/auth/tokens", _ => FakeCloud.Json(HttpStatusCode.Forbidden, """{"error": {"code": 403}}"""));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Session.ValidateAsync("user-tok"));

        Assert.Equal(HttpStatusCode.Forbidden, fault.Status);
        Assert.False(fault.IsTransient);
        Assert.Contains("identity:validate_token", fault.Message);
    }
}
