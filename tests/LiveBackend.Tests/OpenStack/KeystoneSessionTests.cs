using System.Net;
using System.Text.Json;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed class KeystoneSessionTests : IDisposable
{
    private readonly InstantTime _time = new();
    private readonly FakeCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task GetToken_PasswordLogin_SendsScopedBodyAndReadsTokenRolesAndCatalog()
    {
        _cloud.WithKeystone(_time);
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var token = await connection.Session.GetTokenAsync();

        var login = Assert.Single(_cloud.Requests);
        Assert.Equal((HttpMethod.Post, "/v3/auth/tokens"), (login.Method, login.Url.AbsolutePath));
        using var body = JsonDocument.Parse(login.Body!);
        var auth = body.RootElement.GetProperty("auth");
        Assert.Equal("password", auth.GetProperty("identity").GetProperty("methods")[0].GetString());
        var user = auth.GetProperty("identity").GetProperty("password").GetProperty("user");
        Assert.Equal(("admin", "secret", "default"), (user.GetProperty("name").GetString(), user.GetProperty("password").GetString(),
            user.GetProperty("domain").GetProperty("id").GetString()));
        var project = auth.GetProperty("scope").GetProperty("project");
        Assert.Equal(("admin", "default"), (project.GetProperty("name").GetString(), project.GetProperty("domain").GetProperty("id").GetString()));
        Assert.Equal("tok-1", token.Value);
        Assert.Equal(("u-1", "p-1", "admin"), (token.UserId, token.ProjectId, token.ProjectName));
        Assert.Equal(["admin", "member"], token.Roles.AsEnumerable());
        Assert.Equal(InstantTime.Start + TimeSpan.FromHours(1), token.ExpiresAt);
        Assert.DoesNotContain("tok-1", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AuthBody_ApplicationCredentialByName_CarriesUserAndNoScope()
    {
        var config = FakeKeystone.Config with
        {
            AuthType = CloudAuthType.ApplicationCredential, ApplicationCredentialName = "ci", ApplicationCredentialSecret = "shh", Password = null,
        };

        var body = KeystoneSession.AuthBody(config).ToJsonString();

        Assert.Equal("""{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"name":"ci","user":{"name":"admin","domain":{"id":"default"}},"secret":"shh"}}}}""", body);
    }

    [Theory]
    [InlineData("compute", "public", "RegionOne", FakeCloud.Nova)]
    [InlineData("compute", "internal", "RegionOne", "http://nova-internal.test/v2.1")]
    [InlineData("compute", "public", "RegionTwo", "http://nova-two.test/v2.1")]
    [InlineData("placement", "public", null, FakeCloud.Placement)]
    public async Task Endpoint_ByTypeInterfaceAndRegion(string type, string @interface, string? region, string expected)
    {
        _cloud.WithKeystone(_time);
        using var connection = FakeKeystone.Connect(_cloud, _time);
        var token = await connection.Session.GetTokenAsync();

        var url = token.Endpoint(type, @interface, region);

        Assert.Equal(new Uri(expected), url);
    }

    [Fact]
    public async Task Endpoint_Missing_SaysWhatTheCatalogHas()
    {
        _cloud.WithKeystone(_time);
        using var connection = FakeKeystone.Connect(_cloud, _time);
        var token = await connection.Session.GetTokenAsync();

        var noService = Assert.Throws<CloudConfigException>(() => token.Endpoint("volumev3", "public", "RegionOne"));
        var noRegion = Assert.Throws<CloudConfigException>(() => token.Endpoint("placement", "public", "RegionTwo"));

        Assert.Equal("the service catalog has no 'volumev3' service; it has compute, identity, image, placement", noService.Message);
        Assert.Equal("the service catalog has no public endpoint of 'placement' in region 'RegionTwo'; it has public@RegionOne", noRegion.Message);
    }

    [Fact]
    public async Task GetToken_CloseToExpiry_RenewsOnlyThen()
    {
        _cloud.WithKeystone(_time, TimeSpan.FromHours(1));
        using var connection = FakeKeystone.Connect(_cloud, _time);
        var first = await connection.Session.GetTokenAsync();

        _time.Advance(TimeSpan.FromMinutes(54));
        var stillFirst = await connection.Session.GetTokenAsync();
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var renewed = await connection.Session.GetTokenAsync();

        Assert.Same(first, stillFirst);
        Assert.Equal("tok-2", renewed.Value);
        Assert.Equal(2, connection.Session.TokensIssued);
    }

    [Fact]
    public async Task GetToken_KeystoneAwayWhileRenewing_KeepsTheValidTokenUntilItExpires()
    {
        var life = TimeSpan.FromHours(1);
        var issued = _time.GetUtcNow();
        _cloud.On("POST", FakeCloud.Keystone + "/auth/tokens",
            _ => FakeCloud.Json(HttpStatusCode.Created, FakeKeystone.TokenBody(issued, issued + life), ("X-Subject-Token", "tok-1")),
            _ => FakeCloud.Json(HttpStatusCode.ServiceUnavailable, "keystone is being upgraded"));
        using var connection = FakeKeystone.Connect(_cloud, _time);
        var first = await connection.Session.GetTokenAsync();

        _time.Advance(TimeSpan.FromMinutes(57));
        var during = await connection.Session.GetTokenAsync();
        var logins = _cloud.Requests.Count;
        var soonAfter = await connection.Session.GetTokenAsync();
        var loginsSoonAfter = _cloud.Requests.Count;
        _time.Advance(TimeSpan.FromMinutes(4));
        var expired = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Session.GetTokenAsync());

        Assert.Same(first, during);
        Assert.Same(first, soonAfter);
        Assert.True(logins > 2, "renewal was tried (and retried)");
        Assert.Equal(logins, loginsSoonAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, expired.Status);
    }

    [Fact]
    public void NeedsRenewal_ShortToken_TenPercentOfItsLife()
    {
        var issued = InstantTime.Start;
        var token = new KeystoneToken("t", issued, issued + TimeSpan.FromMinutes(10), "u", null, null, [], []);

        Assert.False(token.NeedsRenewal(issued + TimeSpan.FromSeconds(539)));
        Assert.True(token.NeedsRenewal(issued + TimeSpan.FromSeconds(540)));
    }

    [Fact]
    public async Task GetToken_ManyCallersAtOnce_ShareOneLogin()
    {
        _cloud.WithKeystone(_time);
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => connection.Session.GetTokenAsync())));

        Assert.Single(_cloud.Requests);
        Assert.All(tokens, t => Assert.Same(tokens[0], t));
    }

    [Fact]
    public async Task GetToken_WrongPassword_FaultSaysCredentialsRefused()
    {
        _cloud.On("POST", FakeCloud.Keystone + "/auth/tokens", _ => FakeCloud.Json(HttpStatusCode.Unauthorized,
            """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}""",
            ("x-openstack-request-id", "req-denied")));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Session.GetTokenAsync());

        Assert.Single(_cloud.Requests);
        Assert.Equal((HttpStatusCode.Unauthorized, "req-denied", false), (fault.Status, fault.RequestId, fault.IsTransient));
        Assert.StartsWith("identity: POST http://keystone.test/v3/auth/tokens answered 401 Unauthorized (Keystone refused the credentials of fake) [request req-denied]",
            fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_KeystoneBusy_RetriedThenLoggedIn()
    {
        _cloud.On("POST", FakeCloud.Keystone + "/auth/tokens", _ => FakeCloud.Json(HttpStatusCode.ServiceUnavailable, "busy"),
            _ => FakeCloud.Json(HttpStatusCode.Created, FakeKeystone.TokenBody(_time.GetUtcNow(), _time.GetUtcNow().AddHours(1)), ("X-Subject-Token", "tok-x")));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var token = await connection.Session.GetTokenAsync();

        Assert.Equal("tok-x", token.Value);
        Assert.Equal(2, _cloud.Requests.Count);
        Assert.Single(_time.Waits);
    }
}
