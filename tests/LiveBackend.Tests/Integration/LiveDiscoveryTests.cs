using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.Integration;

[Trait("Category", "Live")]
[Collection(LiveCloudGroup.Name)]
public sealed class LiveDiscoveryTests(LiveCloud cloud)
{
    [Fact]
    public async Task Discover_AntiAffinityPair_TopologyLoadsWithTheGroupAsAnAntiAffineVnf()
    {
        var nova = cloud.Connection.Nova;
        await using var servers = await LiveServers.StartAsync(cloud.Connection);
        var group = await servers.CreateGroupAsync(LiveCloud.UniqueName("pair"), "anti-affinity");
        var a = await servers.BootAsync("a", "cmp-1", group.Id);
        var b = await servers.BootAsync("b", "cmp-2", group.Id);

        var discovered = await TopologyDiscovery.DiscoverAsync(cloud.Connection);
        var loaded = TopologyLoader.Parse("discovered.yaml", discovered.ToYaml());

        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics) + "\n" + discovered.ToYaml());
        var dc = loaded.Value!;
        Assert.Equal(["cmp-1", "cmp-2", "cmp-3"], dc.Hosts.Where(h => h.Roles.HasFlag(HostRoles.Compute)).Select(h => h.Id.Name));
        Assert.Contains(dc.Hosts, h => h.Id.Name == "controller" && h.Roles == HostRoles.Control);
        var vnf = Assert.Single(dc.Vnfs, v => v.Id.Name == group.Name);
        Assert.Equal(AntiAffinity.Host, vnf.AntiAffinity);
        Assert.Equal(new Redundancy(RedundancyModel.NPlusM, MinActive: 1), vnf.Redundancy);
        Assert.Equal([$"{a.Name}@cmp-1", $"{b.Name}@cmp-2"], vnf.Instances.Select(i => $"{i.Id}@{i.Host}").Order());
        Assert.Equal(new Flavor(1, 64 / 1024.0, 1), vnf.Instances[0].Flavor);
        Assert.Contains(dc.Clusters, c => c.Service == "nova-conductor" && c.Quorum == QuorumRule.Any);
    }
}
