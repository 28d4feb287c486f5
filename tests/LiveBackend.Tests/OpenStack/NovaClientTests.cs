using System.Net;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

/// <summary>Nova's listings and reads: the request each makes (path, query, microversion) and what is read from the answer.</summary>
public sealed class NovaClientTests : FakeCloudTests
{
    private const string ServerJson = """
        {"id": "s-1", "name": "mme-1", "status": "ACTIVE", "tenant_id": "p-9", "OS-EXT-SRV-ATTR:host": "cmp-1",
         "OS-EXT-STS:task_state": null, "OS-EXT-STS:vm_state": "active", "OS-EXT-AZ:availability_zone": "az1",
         "image": {"id": "img"}, "flavor": {"vcpus": 2, "ram": 4096, "disk": 20, "ephemeral": 5, "swap": 512, "original_name": "m1.medium", "extra_specs": {}}}
        """;

    [Fact]
    public async Task ListComputeServices_OfAHost_QueriesBinaryAndHostAndReadsFields()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """
            {"services": [{"id": "svc-1", "binary": "nova-compute", "host": "cmp-1", "zone": "az1", "status": "disabled", "state": "down",
              "disabled_reason": "escalator: upgrade", "forced_down": true, "updated_at": "2026-11-22T14:20:40.000000"}]}
            """);

        var service = Assert.Single(await Nova.ListComputeServicesAsync("cmp-1"));

        var r = Only();
        Assert.Equal((HttpMethod.Get, "/v2.1/os-services?binary=nova-compute&host=cmp-1"), (r.Method, r.PathAndQuery));
        AssertMicroversion(r);
        Assert.Equal(new NovaService("svc-1", "nova-compute", "cmp-1", "az1", false, false, "escalator: upgrade", true,
            new DateTimeOffset(2026, 11, 22, 14, 20, 40, TimeSpan.Zero)), service);
    }

    [Fact]
    public async Task ListServices_All_NoQuery()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """{"services": []}""");

        await Nova.ListServicesAsync();

        Assert.Equal("/v2.1/os-services", Only().PathAndQuery);
    }

    [Fact]
    public async Task SetServiceStatus_Disable_PutsStatusAndReason()
    {
        Cloud.OnJson("PUT", FakeCloud.Nova + "/os-services/svc-1", """{"service": {"id": "svc-1", "binary": "nova-compute", "host": "cmp-1", "status": "disabled", "state": "up"}}""");

        var service = await Nova.SetServiceStatusAsync("svc-1", enabled: false, "escalator: campaign c1");

        var r = Only();
        Assert.Equal((HttpMethod.Put, "/v2.1/os-services/svc-1"), (r.Method, r.PathAndQuery));
        Assert.Equal("""{"status":"disabled","disabled_reason":"escalator: campaign c1"}""", r.Body);
        AssertMicroversion(r);
        Assert.False(service.Enabled);
    }

    [Fact]
    public async Task SetServiceStatus_Enable_NoReason()
    {
        Cloud.OnJson("PUT", FakeCloud.Nova + "/os-services/svc-1", """{"service": {"id": "svc-1", "status": "enabled"}}""");

        var service = await Nova.SetServiceStatusAsync("svc-1", enabled: true, "ignored");

        Assert.Equal("""{"status":"enabled"}""", Only().Body);
        Assert.True(service.Enabled);
    }

    [Fact]
    public async Task ListServers_ByHost_AllTenantsFollowingPagesOnItsOwnHost()
    {
        Cloud.On("GET", FakeCloud.Nova + "/servers/detail",
            _ => FakeCloud.Json(HttpStatusCode.OK, $$"""{"servers": [{{ServerJson}}], "servers_links": [{"rel": "next", "href": "http://nova-behind-proxy:8774/v2.1/servers/detail?all_tenants=1&host=cmp-1&marker=s-1"}]}"""),
            _ => FakeCloud.Json(HttpStatusCode.OK, """{"servers": [{"id": "s-2", "name": "vol", "status": "SHUTOFF", "tenant_id": "p", "image": "", "flavor": {"vcpus": 1, "ram": 512, "disk": 10, "ephemeral": 0, "swap": 0, "original_name": "small"}}]}"""));

        var servers = await Nova.ListServersAsync("cmp-1");

        Assert.Equal(["/v2.1/servers/detail?all_tenants=1&host=cmp-1", "/v2.1/servers/detail?all_tenants=1&host=cmp-1&marker=s-1"],
            Cloud.Calls.Select(c => c.PathAndQuery));
        Assert.All(Cloud.Calls, c => Assert.Equal("nova.test", c.Url.Host));
        Assert.Equal(new NovaServer("s-1", "mme-1", "ACTIVE", "cmp-1", null, "active", "p-9", "az1", new ServerFlavor("m1.medium", 2, 4096, 20, 5, 512), false, null),
            servers[0]);
        Assert.True(servers[1].BootedFromVolume);
        Assert.Null(servers[1].Host);
    }

    [Fact]
    public async Task ListServers_NextLinkRepeats_StopsInsteadOfLooping()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/servers/detail",
            """{"servers": [], "servers_links": [{"rel": "next", "href": "http://nova.test/v2.1/servers/detail?all_tenants=1&marker=x"}]}""");

        await Nova.ListServersAsync();

        Assert.Equal(2, Cloud.Calls.Count);
    }

    [Fact]
    public async Task GetServer_ReadsErrorFault()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/servers/s-9",
            """{"server": {"id": "s-9", "name": "x", "status": "ERROR", "tenant_id": "p", "flavor": {}, "fault": {"message": "No valid host was found.", "code": 500}}}""");

        var server = await Nova.GetServerAsync("s-9");

        Assert.Equal("/v2.1/servers/s-9", Only().PathAndQuery);
        Assert.Equal(("ERROR", "No valid host was found."), (server.Status, server.Fault));
    }

    [Fact]
    public async Task ListHypervisors_ReadsNodeUuidServiceHostAndType()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-hypervisors/detail", """
            {"hypervisors": [{"id": "n-1", "hypervisor_hostname": "cmp-1.example", "state": "up", "status": "enabled", "hypervisor_type": "QEMU",
              "hypervisor_version": 8002002, "service": {"id": "svc-1", "host": "cmp-1", "disabled_reason": null}}]}
            """);

        var node = Assert.Single(await Nova.ListHypervisorsAsync());

        Assert.Equal("/v2.1/os-hypervisors/detail", Only().PathAndQuery);
        Assert.Equal(new Hypervisor("n-1", "cmp-1.example", "cmp-1", "up", "enabled", "QEMU", 8002002), node);
    }

    [Fact]
    public async Task ListFlavors_PublicAndPrivate_SwapAsEmptyStringIsZero()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/flavors/detail", """
            {"flavors": [{"id": "f1", "name": "m1.small", "vcpus": 1, "ram": 2048, "disk": 20, "swap": "", "OS-FLV-EXT-DATA:ephemeral": 0,
              "os-flavor-access:is_public": false}]}
            """);

        var flavor = Assert.Single(await Nova.ListFlavorsAsync());

        Assert.Equal("/v2.1/flavors/detail?is_public=None", Only().PathAndQuery);
        Assert.Equal(new NovaFlavor("f1", "m1.small", 1, 2048, 20, 0, 0, false), flavor);
    }

    [Fact]
    public async Task GetVersion_ReadsMinAndMaxMicroversion()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/", """{"version": {"id": "v2.1", "status": "CURRENT", "version": "2.93", "min_version": "2.1"}}""");

        var version = await Nova.GetVersionAsync();

        Assert.Equal("/v2.1/", Only().PathAndQuery);
        Assert.Equal(new ComputeApiVersion("2.1", "2.93"), version);
    }

    [Fact]
    public async Task UnversionedCatalogEntry_GetsV21()
    {
        var token = FakeKeystone.TokenBody(Time.GetUtcNow(), Time.GetUtcNow().AddHours(1)).Replace(FakeCloud.Nova, "http://nova.test/", StringComparison.Ordinal);
        using var cloud = new FakeCloud();
        cloud.On("POST", FakeCloud.Keystone + "/auth/tokens", _ => FakeCloud.Json(HttpStatusCode.Created, token, ("X-Subject-Token", "t")));
        cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """{"services": []}""");
        using var connection = FakeKeystone.Connect(cloud, Time);

        await connection.Nova.ListServicesAsync();

        Assert.Equal("http://nova.test/v2.1/os-services", cloud.Calls.Single().Url.AbsoluteUri);
    }
}
