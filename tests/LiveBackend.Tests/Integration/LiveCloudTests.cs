using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.Integration;

[Trait("Category", "Live")]
[Collection(LiveCloudGroup.Name)]
public sealed class LiveCloudTests(LiveCloud cloud)
{
    private NovaClient Nova => cloud.Connection.Nova;

    [Fact]
    public async Task Token_AdminOfAdminProject_CatalogHasTheServices()
    {
        var token = await cloud.Connection.Session.GetTokenAsync();

        Assert.Contains("admin", token.Roles);
        Assert.Equal("admin", token.ProjectName);
        Assert.True(token.ExpiresAt > token.IssuedAt);
        foreach (var type in new[] { "identity", "compute", "placement", "image" })
        {
            Assert.Equal("127.0.0.1", token.Endpoint(type, "public", "RegionOne").Host);
        }
    }

    [Fact]
    public async Task ListComputeServices_ThreeUpAndControlServicesUp()
    {
        var services = await Nova.ListComputeServicesAsync();

        Assert.Equal(["cmp-1", "cmp-2", "cmp-3"], services.Select(s => s.Host).Order());
        Assert.All(services, s => Assert.True(s is { Up: true, Binary: "nova-compute" }, $"{s.Host} is {(s.Up ? "up" : "down")}"));
        var control = await Nova.ListServicesAsync();
        Assert.Contains(control, s => s is { Binary: "nova-conductor", Up: true });
        Assert.Contains(control, s => s is { Binary: "nova-scheduler", Up: true });
    }

    [Fact]
    public async Task LiveMigrate_ScheduledHost_MigrationRecordCompletes()
    {
        await using var servers = await LiveServers.StartAsync(cloud.Connection);
        var moving = await servers.BootAsync("move", "cmp-1");
        await servers.BootAsync("stay", "cmp-1");
        var before = await Nova.ListMigrationsAsync(moving.Id, "live-migration") is [var newest, ..] ? newest.Id : (long?)null;

        await Nova.LiveMigrateAsync(moving.Id, host: null);
        var migration = await Nova.WaitForMigrationAsync(moving.Id, "live-migration", before, LiveCloud.StepTimeout, LiveCloud.PollInterval);

        Assert.True(migration.Succeeded, $"migration {migration.Id} ended {migration.Status}");
        Assert.Equal("cmp-1", migration.SourceCompute);
        Assert.NotEqual("cmp-1", migration.DestCompute);
        var moved = await Nova.GetServerAsync(moving.Id);
        Assert.Equal((migration.DestCompute, "ACTIVE"), (moved.Host, moved.Status));
        Assert.Equal((64, 1), (moved.Flavor.RamMiB, moved.Flavor.Vcpus));
    }

    [Fact]
    public async Task SetServiceStatus_DisableWithReasonThenEnable()
    {
        var service = Assert.Single(await Nova.ListComputeServicesAsync("cmp-3"));
        var reason = LiveCloud.UniqueName("maintenance");
        try
        {
            var disabled = await Nova.SetServiceStatusAsync(service.Id, enabled: false, reason);
            var listed = Assert.Single(await Nova.ListComputeServicesAsync("cmp-3"));

            Assert.Equal((false, reason), (disabled.Enabled, disabled.DisabledReason));
            Assert.Equal((false, reason), (listed.Enabled, listed.DisabledReason));
        }
        finally
        {
            var enabled = await Nova.SetServiceStatusAsync(service.Id, enabled: true);
            Assert.True(enabled.Enabled);
        }
        Assert.True(Assert.Single(await Nova.ListComputeServicesAsync("cmp-3")).Enabled);
    }

    [Fact]
    public async Task Placement_ThreeProvidersWithInventoriesAndUsages()
    {
        var placement = cloud.Connection.Placement;

        var providers = await placement.ListResourceProvidersAsync();

        Assert.Equal(["cmp-1", "cmp-2", "cmp-3"], providers.Select(p => p.Name).Order());
        foreach (var provider in providers)
        {
            var inventories = await placement.GetInventoriesAsync(provider.Uuid);
            var usages = await placement.GetUsagesAsync(provider.Uuid);
            Assert.Equal(["DISK_GB", "MEMORY_MB", "VCPU"], inventories.Keys);
            Assert.All(inventories.Values, i => Assert.True(i.Total > 0 && i.AllocationRatio > 0 && i.Capacity > 0, $"{provider.Name}: {i}"));
            Assert.All(usages, u => Assert.InRange(u.Value, 0, inventories[u.Key].Capacity));
        }
    }
}
