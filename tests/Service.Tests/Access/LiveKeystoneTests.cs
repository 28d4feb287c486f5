using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalator.LiveBackend.OpenStack;
using Escalator.Service.Access;

namespace Escalator.Service.Tests.Access;

/// <summary>The API behind the real test cloud's Keystone (<c>scripts/openstack/up</c>; <c>$ESCALATOR_OPENSTACK_DIR/clouds.yaml</c>,
/// cloud <c>escalator-test</c>). Without that cloud the test fails and says how to start it: it never passes by skipping.</summary>
[Trait("Category", "Live")]
public sealed class LiveKeystoneTests
{
    [Fact]
    public async Task Serve_KeystoneToken_AdminReadsAndABogusTokenIs401WithKeystonesUri()
    {
        var config = Cloud();
        using var connection = CloudConnection.Open(config, TimeProvider.System, new CloudCallOptions { Timeout = TimeSpan.FromSeconds(60) });
        var authenticator = new CallerAuthenticator(null, connection.ValidateTokenAsync, config.AuthUrl, TimeProvider.System, TextWriter.Null);
        await using var server = await ServeServer.StartAsync(authenticator: authenticator);
        var token = await IssueTokenAsync(config);
        using var admin = server.Client(token);
        using var bogus = server.Client("gAAAAAB-not-a-token");

        var listed = await admin.GetAsync("/v1/campaigns");
        var refused = await bogus.GetAsync("/v1/campaigns");
        var validated = await connection.ValidateTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal($"Keystone uri=\"{config.AuthUrl.AbsoluteUri}\"", refused.Headers.WwwAuthenticate.ToString());
        Assert.Contains("admin", validated!.Roles);
        Assert.Equal("admin", validated.ProjectName);
        Assert.True(validated.ExpiresAt > DateTimeOffset.UtcNow);
    }

    private static CloudConfig Cloud()
    {
        var dir = Environment.GetEnvironmentVariable("ESCALATOR_OPENSTACK_DIR") is { Length: > 0 } d ? d : "/tmp/escalator-openstack";
        var clouds = Path.Combine(dir, "clouds.yaml");
        Assert.True(File.Exists(clouds), $"no test cloud: {clouds} does not exist; run scripts/openstack/up first (and scripts/openstack/down after)");
        var resolved = CloudConfigResolver.Resolve("escalator-test", _ => null, [clouds]);
        Assert.True(resolved.Ok, string.Join("; ", resolved.Errors));
        return resolved.Config!;
    }

    /// <summary>A user's token, as a client of the API gets it from Keystone (password auth, project scope).</summary>
    private static async Task<string> IssueTokenAsync(CloudConfig config)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var body = new
        {
            auth = new
            {
                identity = new
                {
                    methods = new[] { "password" },
                    password = new { user = new { name = config.Username, domain = new { name = config.UserDomainName }, password = config.Password } },
                },
                scope = new { project = new { name = config.ProjectName, domain = new { name = config.ProjectDomainName } } },
            },
        };
        using var response = await http.PostAsJsonAsync(config.AuthUrl.AbsoluteUri.TrimEnd('/') + "/auth/tokens", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await response.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }
}
