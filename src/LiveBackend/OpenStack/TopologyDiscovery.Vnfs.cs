using Escalator.Model.Topology;
using VnfCoordination = Escalator.Model.Topology.Coordination;

namespace Escalator.LiveBackend.OpenStack;

public static partial class TopologyDiscovery
{
    private static List<Vnf> BuildVnfs(CloudSnapshot cloud, List<DiscoveredHost> hosts, List<string> notes)
    {
        var byNovaHost = hosts.Where(h => h.Host.Roles.HasFlag(HostRoles.Compute)).ToDictionary(h => h.NovaHost, StringComparer.Ordinal);
        var placed = cloud.Servers.Where(s => s.Host is not null && byNovaHost.ContainsKey(s.Host))
            .OrderBy(s => s.Name, NaturalOrder.Instance).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        var unplaced = cloud.Servers.Length - placed.Count;
        if (unplaced > 0)
        {
            notes.Add($"{unplaced} server(s) on no known compute host (shelved, unscheduled or in ERROR) are left out: "
                + string.Join(", ", cloud.Servers.Where(s => !placed.Contains(s)).Take(10).Select(s => $"{s.Name} ({s.Id}, {s.Status})")));
        }
        var instances = NameInstances(placed, byNovaHost);
        var vnfNames = new DiscoveryNames();
        var vnfs = new List<Vnf>();
        var grouped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in cloud.Groups.OrderBy(g => g.Name, NaturalOrder.Instance).ThenBy(g => g.Id, StringComparer.Ordinal))
        {
            var members = placed.Where(s => group.Members.Contains(s.Id) && grouped.Add(s.Id)).Select(s => instances[s.Id]).ToList();
            if (members.Count == 0)
            {
                notes.Add($"Server group '{group.Name}' ({group.Id}, {group.Policy}) has no server on a known compute host; left out.");
                continue;
            }
            var redundancy = members.Count > 1 ? new Redundancy(RedundancyModel.NPlusM, MinActive: members.Count - 1) : new Redundancy(RedundancyModel.None);
            var antiAffinity = group.Policy is "anti-affinity" or "soft-anti-affinity" ? AntiAffinity.Host : AntiAffinity.None;
            vnfs.Add(NewVnf(vnfNames.Take(group.Name, group.Id), redundancy, antiAffinity, members));
        }
        foreach (var server in placed.Where(s => !grouped.Contains(s.Id)))
        {
            var instance = instances[server.Id];
            vnfs.Add(NewVnf(vnfNames.Take(instance.Id.Name, server.Id), new Redundancy(RedundancyModel.None), AntiAffinity.None, [instance]));
        }
        return vnfs;
    }

    /// <summary>Instances named after their servers; servers sharing a name all get their uuid's first 8 characters added.</summary>
    private static Dictionary<string, Instance> NameInstances(List<NovaServer> placed, Dictionary<string, DiscoveredHost> byNovaHost)
    {
        var counts = placed.GroupBy(s => DiscoveryNames.Clean(s.Name), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var names = new DiscoveryNames();
        var instances = new Dictionary<string, Instance>(StringComparer.Ordinal);
        foreach (var server in placed)
        {
            var clean = DiscoveryNames.Clean(server.Name);
            var wanted = counts[clean] > 1 && clean.Length > 0 ? $"{clean}-{(server.Id.Length > 8 ? server.Id[..8] : server.Id)}" : clean;
            var host = byNovaHost[server.Host!];
            var disk = host.LocalDisk ? LocalDiskGiB(server) : 0;
            var flavor = new Flavor(Math.Max(1, server.Flavor.Vcpus), server.Flavor.RamMiB / 1024.0, disk);
            instances[server.Id] = new Instance(new InstanceId(names.Take(wanted, server.Id)), host.Host.Id, flavor);
        }
        return instances;
    }

    /// <summary>What a server takes of its host's DISK_GB, as Placement counts it: root disk (unless a volume), ephemeral and swap.</summary>
    private static double LocalDiskGiB(NovaServer server) =>
        (server.BootedFromVolume ? 0 : server.Flavor.DiskGiB) + server.Flavor.EphemeralGiB + Math.Ceiling(server.Flavor.SwapMiB / 1024.0);

    private static Vnf NewVnf(string name, Redundancy redundancy, AntiAffinity antiAffinity, List<Instance> instances) =>
        new(new VnfId(name), redundancy, antiAffinity, new Migration(MigrationMode.Live), 0, VnfCoordination.Uncoordinated, null, [.. instances]);
}
