using System.Collections.Immutable;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.OpenStack;

public static partial class TopologyDiscovery
{
    private const string ComputeBinary = "nova-compute";

    /// <summary>A host of the topology with the name Nova knows it by and whether its instances' disks are local.</summary>
    private sealed record DiscoveredHost(string NovaHost, Host Host, bool LocalDisk);

    /// <summary>Control hosts: Nova reports no capacity for them, and no instance may land on them.</summary>
    private static readonly Capacity ControlCapacity = new(1, 0, 0, 1, 1, 1);

    private static List<DiscoveredHost> BuildHosts(CloudSnapshot cloud, string site, SemVersion? nova, List<string> notes)
    {
        var names = new DiscoveryNames();
        var hosts = new List<DiscoveredHost>();
        foreach (var novaHost in cloud.Services.Select(s => s.Host).Distinct().Order(NaturalOrder.Instance))
        {
            var services = cloud.Services.Where(s => s.Host == novaHost).ToList();
            var compute = services.FirstOrDefault(s => s.Binary == ComputeBinary);
            var roles = (compute is null ? HostRoles.None : HostRoles.Compute) | (services.Any(s => s.Binary != ComputeBinary) ? HostRoles.Control : HostRoles.None);
            var zone = DiscoveryNames.Clean((compute ?? services[0]).Zone) is { Length: > 0 } z ? z : "nova";
            var (capacity, localDisk) = compute is null ? (ControlCapacity, false) : ComputeCapacity(cloud, novaHost, notes);
            var software = ImmutableSortedDictionary.CreateBuilder<string, SemVersion>(StringComparer.Ordinal);
            if (nova is { } version)
            {
                foreach (var s in services) software[s.Binary] = version;
            }
            if (compute is not null && Hypervisor(cloud, novaHost) is { } hypervisor) software[hypervisor.Component] = hypervisor.Version;
            foreach (var s in services.Where(s => !s.Up || !s.Enabled))
            {
                notes.Add($"{s.Binary} on {novaHost} is {(s.Up ? "up" : "down")} and {(s.Enabled ? "enabled" : $"disabled ({s.DisabledReason ?? "no reason given"})")}.");
            }
            var host = new Host(new HostId(names.Take(novaHost, novaHost)), site, zone, zone, roles, ImmutableSortedDictionary<string, string>.Empty,
                capacity, software.ToImmutable());
            hosts.Add(new DiscoveredHost(novaHost, host, localDisk));
        }
        return hosts;
    }

    /// <summary>Placement's inventory summed over the host's compute nodes (one, except for drivers such as Ironic).</summary>
    private static (Capacity Capacity, bool LocalDisk) ComputeCapacity(CloudSnapshot cloud, string novaHost, List<string> notes)
    {
        var inventories = Nodes(cloud.Hypervisors, cloud.Providers, novaHost).Select(p => cloud.Inventories.GetValueOrDefault(p.Uuid)).OfType<IReadOnlyDictionary<string, ResourceInventory>>().ToList();
        var vcpu = Sum(inventories, "VCPU");
        if (vcpu.Usable < 1)
        {
            var used = cloud.Servers.Where(s => s.Host == novaHost).ToList();
            notes.Add($"Placement has no VCPU inventory for {novaHost} (is its nova-compute down?): its capacity is written as what its servers use; fill in the real figures.");
            return (new Capacity(Math.Max(1, used.Sum(s => s.Flavor.Vcpus)), used.Sum(s => s.Flavor.RamMiB) / 1024.0, used.Sum(LocalDiskGiB), 1, 1, 1), true);
        }
        var ram = Sum(inventories, "MEMORY_MB");
        var disk = Sum(inventories, "DISK_GB");
        return (new Capacity((int)Math.Min(int.MaxValue, vcpu.Usable), ram.Usable / 1024.0, disk.Usable, vcpu.Ratio, ram.Ratio, disk.Ratio), disk.Present);
    }

    /// <summary>The resource providers of a host's compute nodes: by the node's uuid, else by its host name.</summary>
    internal static IEnumerable<ResourceProvider> Nodes(IReadOnlyList<Hypervisor> hypervisors, IReadOnlyList<ResourceProvider> providers, string novaHost)
    {
        var nodes = hypervisors.Where(h => h.ServiceHost == novaHost).ToList();
        var byId = providers.Where(p => nodes.Any(n => n.Id == p.Uuid)).ToList();
        return byId.Count > 0 ? byId : providers.Where(p => p.Name == novaHost || nodes.Any(n => n.HypervisorHostname == p.Name));
    }

    /// <summary>Total − reserved of a resource class over several inventories, with the first allocation ratio.</summary>
    private static (long Usable, double Ratio, bool Present) Sum(List<IReadOnlyDictionary<string, ResourceInventory>> inventories, string resourceClass)
    {
        var of = inventories.Select(i => i.GetValueOrDefault(resourceClass)).OfType<ResourceInventory>().ToList();
        return (of.Sum(i => Math.Max(0, i.Total - i.Reserved)), of.Count > 0 ? of[0].AllocationRatio : 1.0, of.Count > 0);
    }

    /// <summary>The hypervisor's own version when its encoding is known: libvirt's QEMU and KVM report major × 10⁶ + minor × 10³ + release.</summary>
    private static (string Component, SemVersion Version)? Hypervisor(CloudSnapshot cloud, string novaHost)
    {
        var node = cloud.Hypervisors.FirstOrDefault(h => h.ServiceHost == novaHost);
        if (node is not { Type: { } type, Version: { } v and > 0 } || type.ToLowerInvariant() is not ("qemu" or "kvm")) return null;
        return ("qemu", new SemVersion((int)(v / 1_000_000), (int)(v / 1000 % 1000), (int)(v % 1000)));
    }

    private static List<ControlCluster> BuildClusters(CloudSnapshot cloud, List<DiscoveredHost> hosts, string site)
    {
        var byNovaHost = hosts.ToDictionary(h => h.NovaHost, h => h.Host.Id, StringComparer.Ordinal);
        return [.. cloud.Services.Where(s => s.Binary != ComputeBinary).GroupBy(s => s.Binary).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ControlCluster(g.Key, g.Key, [.. g.Select(s => byNovaHost[s.Host]).Distinct().OrderBy(h => h.Name, NaturalOrder.Instance)],
                QuorumRule.Any, [site]))];
    }
}
