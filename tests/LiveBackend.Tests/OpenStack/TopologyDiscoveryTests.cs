using System.Net;
using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Diagnostics;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed class TopologyDiscoveryTests : FakeCloudTests
{
    public TopologyDiscoveryTests()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/", """{"version": {"version": "2.93", "min_version": "2.1"}}""");
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """
            {"services": [
              {"id": "c", "binary": "nova-conductor", "host": "controller", "zone": "internal", "status": "enabled", "state": "up"},
              {"id": "s", "binary": "nova-scheduler", "host": "controller", "zone": "internal", "status": "enabled", "state": "up"},
              {"id": "1", "binary": "nova-compute", "host": "cmp-1", "zone": "az1", "status": "enabled", "state": "up"},
              {"id": "2", "binary": "nova-compute", "host": "cmp-2", "zone": "az1", "status": "disabled", "state": "up", "disabled_reason": "RAM test"},
              {"id": "10", "binary": "nova-compute", "host": "cmp-10", "zone": "az2", "status": "enabled", "state": "up"}]}
            """);
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-hypervisors/detail", """
            {"hypervisors": [
              {"id": "n1", "hypervisor_hostname": "cmp-1.lab", "state": "up", "status": "enabled", "hypervisor_type": "QEMU", "hypervisor_version": 7002000, "service": {"host": "cmp-1"}},
              {"id": "n2", "hypervisor_hostname": "cmp-2.lab", "state": "up", "status": "disabled", "hypervisor_type": "QEMU", "hypervisor_version": 7002000, "service": {"host": "cmp-2"}},
              {"id": "n10", "hypervisor_hostname": "cmp-10.lab", "state": "up", "status": "enabled", "hypervisor_type": "QEMU", "hypervisor_version": 7002000, "service": {"host": "cmp-10"}}]}
            """);
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers", """
            {"resource_providers": [{"uuid": "n1", "name": "cmp-1.lab"}, {"uuid": "n2", "name": "cmp-2.lab"}, {"uuid": "n10", "name": "cmp-10.lab"},
              {"uuid": "gpu", "name": "cmp-1.lab_pci_0000_3b_00_0", "parent_provider_uuid": "n1"}]}
            """);
        foreach (var node in new[] { "n1", "n2" })
        {
            Cloud.OnJson("GET", $"{FakeCloud.Placement}/resource_providers/{node}/inventories", """
                {"inventories": {"VCPU": {"total": 48, "reserved": 0, "allocation_ratio": 4.0},
                  "MEMORY_MB": {"total": 262656, "reserved": 512, "allocation_ratio": 1.0},
                  "DISK_GB": {"total": 2000, "reserved": 0, "allocation_ratio": 1.0}}}
                """);
        }
        // cmp-10 keeps its disks on shared storage: no DISK_GB inventory.
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers/n10/inventories", """
            {"inventories": {"VCPU": {"total": 16, "reserved": 2, "allocation_ratio": 2.0}, "MEMORY_MB": {"total": 65536, "reserved": 0, "allocation_ratio": 1.5}}}
            """);
        Cloud.OnJson("GET", FakeCloud.Nova + "/servers/detail", $$"""
            {"servers": [{{Server("s-a", "mme-1", "cmp-1")}}, {{Server("s-b", "mme-2", "cmp-2")}}, {{Server("s-c", "web", "cmp-1")}},
              {{Server("s-d", "web", "cmp-10")}}, {{Server("s-e", "shelved", null)}}]}
            """);
        Cloud.On("GET", FakeCloud.Nova + "/os-server-groups",
            _ => FakeCloud.Json(HttpStatusCode.OK, """
                {"server_groups": [{"id": "g-1", "name": "vEPC MME", "policy": "anti-affinity", "members": ["s-a", "s-b"]},
                  {"id": "g-2", "name": "empty", "policy": "affinity", "members": []}]}
                """),
            _ => FakeCloud.Json(HttpStatusCode.OK, """{"server_groups": []}"""));
    }

    private static string Server(string id, string name, string? host) =>
        "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"status\": \"" + (host is null ? "SHELVED_OFFLOADED" : "ACTIVE") + "\", \"tenant_id\": \"p\", "
        + "\"OS-EXT-SRV-ATTR:host\": " + (host is null ? "null" : "\"" + host + "\"") + ", \"image\": {\"id\": \"i\"}, "
        + "\"flavor\": {\"vcpus\": 2, \"ram\": 4096, \"disk\": 20, \"ephemeral\": 0, \"swap\": 0, \"original_name\": \"m1.medium\"}}";

    private async Task<DiscoveredTopology> DiscoverAsync()
    {
        return await TopologyDiscovery.DiscoverAsync(Connection);
    }

    [Fact]
    public async Task Discover_FakeCloud_WritesATopologyTheLoaderAccepts()
    {
        var discovered = await DiscoverAsync();
        var yaml = discovered.ToYaml();

        var loaded = TopologyLoader.Parse("discovered.yaml", yaml);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics) + "\n" + yaml);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(discovered.DataCentre.Hosts.Select(h => h.Id), loaded.Value!.Hosts.Select(h => h.Id));
        Assert.StartsWith("# Discovered by `escalator discover` from cloud 'fake' (http://keystone.test/v3) at 2026-11-22T12:00:00Z.", yaml, StringComparison.Ordinal);
        Assert.Contains("REDUNDANCY IS A HINT TO REVIEW", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_Hosts_ComputesWithPlacementCapacityAndControlHost()
    {
        var dc = (await DiscoverAsync()).DataCentre;

        Assert.Equal(["cmp-1", "cmp-2", "cmp-10", "controller"], dc.Hosts.Select(h => h.Id.Name));
        var cmp1 = dc.Hosts[0];
        Assert.Equal(("RegionOne", "az1", "az1", HostRoles.Compute), (cmp1.Site, cmp1.Zone, cmp1.Rack, cmp1.Roles));
        Assert.Equal(new Capacity(48, 256, 2000, 4.0, 1.0, 1.0), cmp1.Capacity);
        Assert.Equal(["nova-compute 26.0.0", "qemu 7.2.0"], cmp1.Software.Select(s => $"{s.Key} {s.Value}"));
        Assert.Equal(new Capacity(14, 64, 0, 2.0, 1.5, 1.0), dc.Hosts[2].Capacity);
        var controller = dc.Hosts[3];
        Assert.Equal(("internal", HostRoles.Control), (controller.Zone, controller.Roles));
        Assert.Equal(["nova-conductor", "nova-scheduler"], controller.Software.Keys);
        Assert.Equal(["az1", "az2", "internal"], dc.Sites.Single().Zones.Select(z => z.Name));
    }

    [Fact]
    public async Task Discover_Clusters_OnePerControlServiceQuorumAny()
    {
        var dc = (await DiscoverAsync()).DataCentre;

        Assert.Equal(["nova-conductor", "nova-scheduler"], dc.Clusters.Select(c => c.Service));
        Assert.All(dc.Clusters, c =>
        {
            Assert.Equal(QuorumRule.Any, c.Quorum);
            Assert.Equal([new HostId("controller")], c.Members.AsEnumerable());
            Assert.Equal(["RegionOne"], c.Serves.AsEnumerable());
        });
    }

    [Fact]
    public async Task Discover_ServerGroup_BecomesAnAntiAffineNPlusMVnf()
    {
        var dc = (await DiscoverAsync()).DataCentre;

        var mme = dc.Vnfs.Single(v => v.Id.Name == "vEPC-MME");
        Assert.Equal(new Redundancy(RedundancyModel.NPlusM, MinActive: 1), mme.Redundancy);
        Assert.Equal(AntiAffinity.Host, mme.AntiAffinity);
        Assert.Equal(["mme-1@cmp-1", "mme-2@cmp-2"], mme.Instances.Select(i => $"{i.Id}@{i.Host}"));
        Assert.Equal(new Flavor(2, 4, 20), mme.Instances[0].Flavor);
    }

    [Fact]
    public async Task Discover_UngroupedServers_EachItsOwnVnfWithUniqueNames()
    {
        var dc = (await DiscoverAsync()).DataCentre;

        var singles = dc.Vnfs.Where(v => v.Id.Name.StartsWith("web", StringComparison.Ordinal)).ToList();
        Assert.Equal(["web-s-c", "web-s-d"], singles.Select(v => v.Id.Name));
        Assert.All(singles, v => Assert.Equal(RedundancyModel.None, v.Redundancy.Model));
        Assert.Equal(0, singles[1].Instances.Single().Flavor.DiskGiB);
    }

    [Fact]
    public async Task Discover_Notes_NameWhatWasGuessedOrLeftOut()
    {
        var notes = (await DiscoverAsync()).Notes;

        Assert.Contains(notes, n => n.StartsWith("Nova's version 26.0.0 (Zed) is estimated from its API's highest microversion 2.93", StringComparison.Ordinal));
        Assert.Contains("nova-compute on cmp-2 is up and disabled (RAM test).", notes);
        Assert.Contains(notes, n => n.StartsWith("1 server(s) on no known compute host", StringComparison.Ordinal) && n.Contains("shelved (s-e", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Server group 'empty' (g-2, affinity) has no server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discover_ReadsOnlyComputeNodeInventories()
    {
        await DiscoverAsync();

        var inventories = Cloud.Calls.Where(c => c.Url.AbsolutePath.EndsWith("/inventories", StringComparison.Ordinal)).Select(c => c.Url.AbsolutePath).Order();
        Assert.Equal(["/resource_providers/n1/inventories", "/resource_providers/n10/inventories", "/resource_providers/n2/inventories"], inventories);
    }

    [Fact]
    public async Task Discover_ComputeApiTooOld_SaysWhichMicroversionItNeeds()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/", """{"version": {"version": "2.72", "min_version": "2.1"}}""");

        var refused = await Assert.ThrowsAsync<CloudConfigException>(DiscoverAsync);

        Assert.Equal("the compute API accepts microversions up to 2.72; Escalator asks for 2.80 (Nova 20, Train, or newer)", refused.Message);
    }

    [Theory]
    [InlineData("2.93", "26.0.0", "Zed")]
    [InlineData("2.87", "21.0.0", "Ussuri")]
    [InlineData("2.94", "26.0.0", "Zed")]
    [InlineData("2.100", "31.0.0", "2025.1 Epoxy")]
    public void NovaReleases_Estimate_OldestReleaseWithThatMaximum(string micro, string version, string release)
    {
        var estimate = NovaReleases.Estimate(micro);

        Assert.Equal((version, release), (estimate!.Value.Version.ToString(), estimate.Value.Release));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2.1")]
    [InlineData("3.0")]
    public void NovaReleases_Estimate_UnknownIsNull(string micro)
    {
        Assert.Null(NovaReleases.Estimate(micro));
    }

    [Fact]
    public void DiscoveryNames_CleanAndUnique()
    {
        var names = new DiscoveryNames();

        Assert.Equal("a-b-c", DiscoveryNames.Clean("  a b\t[c] "));
        Assert.Equal("web", names.Take("web", "1234567890"));
        Assert.Equal("web-12345678", names.Take("web", "1234567890"));
        Assert.Equal("web-12345678-2", names.Take("web", "1234567890"));
        Assert.Equal("abcdefgh", names.Take(" ", "abcdefghij"));
    }
}
