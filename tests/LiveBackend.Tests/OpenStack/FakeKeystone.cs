using System.Globalization;
using System.Net;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

/// <summary>Keystone answers for the fake cloud, and the config and connection that talk to it.</summary>
internal static class FakeKeystone
{
    public static readonly CloudConfig Config = new()
    {
        CloudName = "fake",
        Source = "test",
        AuthUrl = new Uri(FakeCloud.Keystone),
        Username = "admin",
        Password = "secret",
        UserDomainId = "default",
        ProjectName = "admin",
        ProjectDomainId = "default",
        RegionName = "RegionOne",
    };

    /// <summary>Options with fixed jitter and deadlines that the instant clock does not fire on its own.</summary>
    public static readonly CloudCallOptions Options = new() { Randomizer = () => 0.5, MaxRetryDelay = TimeSpan.FromSeconds(20) };

    /// <summary>Adds the login route: tokens tok-1, tok-2 … issued at the clock's time and living <paramref name="life"/> (1 h by default).</summary>
    public static FakeCloud WithKeystone(this FakeCloud cloud, TimeProvider time, TimeSpan? life = null)
    {
        var issued = 0;
        return cloud.On("POST", FakeCloud.Keystone + "/auth/tokens", _ =>
        {
            var n = Interlocked.Increment(ref issued);
            var now = time.GetUtcNow();
            return FakeCloud.Json(HttpStatusCode.Created, TokenBody(now, now + (life ?? TimeSpan.FromHours(1))),
                ("X-Subject-Token", $"tok-{n}"), ("x-openstack-request-id", $"req-login-{n}"));
        });
    }

    public static CloudConnection Connect(FakeCloud cloud, TimeProvider time, CloudCallOptions? options = null, CloudConfig? config = null) =>
        CloudConnection.Over(config ?? Config, cloud, options ?? Options, time);

    public static string TokenBody(DateTimeOffset issued, DateTimeOffset expires) => $$$"""
        {"token": {"methods": ["password"], "user": {"id": "u-1", "name": "admin", "domain": {"id": "default"}},
          "issued_at": "{{{Iso(issued)}}}", "expires_at": "{{{Iso(expires)}}}",
          "project": {"id": "p-1", "name": "admin", "domain": {"id": "default"}},
          "roles": [{"id": "r1", "name": "admin"}, {"id": "r2", "name": "member"}],
          "catalog": [
            {"type": "identity", "name": "keystone", "endpoints": [
              {"interface": "public", "region_id": "RegionOne", "region": "RegionOne", "url": "{{{FakeCloud.Keystone}}}"}]},
            {"type": "compute", "name": "nova", "endpoints": [
              {"interface": "internal", "region_id": "RegionOne", "url": "http://nova-internal.test/v2.1"},
              {"interface": "public", "region_id": "RegionTwo", "url": "http://nova-two.test/v2.1"},
              {"interface": "public", "region_id": "RegionOne", "url": "{{{FakeCloud.Nova}}}"}]},
            {"type": "placement", "name": "placement", "endpoints": [
              {"interface": "public", "region_id": "RegionOne", "url": "{{{FakeCloud.Placement}}}"}]},
            {"type": "image", "name": "glance", "endpoints": [
              {"interface": "public", "region_id": "RegionOne", "url": "http://glance.test"}]}]}}
        """;

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
