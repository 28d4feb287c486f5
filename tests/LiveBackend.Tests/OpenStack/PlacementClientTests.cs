using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed class PlacementClientTests : FakeCloudTests
{
    [Fact]
    public async Task ListResourceProviders_ReadsUuidNameAndTree()
    {
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers", """
            {"resource_providers": [{"uuid": "rp-1", "name": "cmp-1", "generation": 4, "parent_provider_uuid": null, "root_provider_uuid": "rp-1"}]}
            """);

        var provider = Assert.Single(await Connection.Placement.ListResourceProvidersAsync());

        var r = Assert.Single(Cloud.Calls);
        Assert.Equal("/resource_providers", r.PathAndQuery);
        Assert.Equal("placement 1.19", r.Header("OpenStack-API-Version"));
        Assert.Equal(new ResourceProvider("rp-1", "cmp-1", 4, null, "rp-1"), provider);
    }

    [Fact]
    public async Task GetInventories_EveryClassWithItsLimits()
    {
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers/rp-1/inventories", """
            {"resource_provider_generation": 2, "inventories": {
              "VCPU": {"total": 64, "reserved": 4, "min_unit": 1, "max_unit": 64, "step_size": 1, "allocation_ratio": 4.0},
              "MEMORY_MB": {"total": 262144, "reserved": 4096, "min_unit": 1, "max_unit": 262144, "step_size": 1, "allocation_ratio": 1.0}}}
            """);

        var inventories = await Connection.Placement.GetInventoriesAsync("rp-1");

        Assert.Equal("/resource_providers/rp-1/inventories", Assert.Single(Cloud.Calls).PathAndQuery);
        Assert.Equal(new ResourceInventory(64, 4, 4.0, 1, 64, 1), inventories["VCPU"]);
        Assert.Equal(240, inventories["VCPU"].Capacity);
        Assert.Equal(258048, inventories["MEMORY_MB"].Capacity);
    }

    [Fact]
    public async Task GetUsages_ByClass()
    {
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers/rp-1/usages",
            """{"resource_provider_generation": 2, "usages": {"VCPU": 3, "MEMORY_MB": 192, "DISK_GB": 3}}""");

        var usages = await Connection.Placement.GetUsagesAsync("rp-1");

        Assert.Equal("/resource_providers/rp-1/usages", Assert.Single(Cloud.Calls).PathAndQuery);
        Assert.Equal(new Dictionary<string, long> { ["DISK_GB"] = 3, ["MEMORY_MB"] = 192, ["VCPU"] = 3 }, usages);
    }
}
