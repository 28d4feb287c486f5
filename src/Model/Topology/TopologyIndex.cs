using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Escalator.Model.Topology;

/// <summary>Fast look-ups over a <see cref="DataCentre"/>: hosts by name, instances by host, the VNF of an instance.</summary>
/// <remarks>Built once per data centre; reflects the placement written in the topology (before any move).</remarks>
public sealed class TopologyIndex
{
    private readonly FrozenDictionary<HostId, Host> _hosts;
    private readonly FrozenDictionary<InstanceId, (Vnf Vnf, Instance Instance)> _instances;
    private readonly FrozenDictionary<HostId, ImmutableArray<Instance>> _byHost;
    private readonly FrozenDictionary<HostId, ImmutableArray<ControlCluster>> _clustersByHost;
    private readonly FrozenDictionary<string, ImmutableArray<Host>> _computesBySite;
    private readonly FrozenDictionary<HostId, int> _nameOrder;

    public TopologyIndex(DataCentre dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        DataCentre = dc;
        _hosts = dc.Hosts.ToFrozenDictionary(h => h.Id);
        _instances = dc.Vnfs.SelectMany(v => v.Instances.Select(i => (v, i))).ToFrozenDictionary(p => p.i.Id);
        _byHost = dc.Vnfs.SelectMany(v => v.Instances).GroupBy(i => i.Host)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
        _clustersByHost = dc.Clusters.SelectMany(c => c.Members.Select(m => (m, c))).GroupBy(p => p.m)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.c).ToImmutableArray());
        _computesBySite = dc.Hosts.Where(h => h.Roles.HasFlag(HostRoles.Compute)).GroupBy(h => h.Site, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        _nameOrder = dc.Hosts.Select(h => h.Id).Order(Comparer<HostId>.Create((a, b) => NaturalOrder.Compare(a.Name, b.Name)))
            .Select((id, i) => (id, i)).ToFrozenDictionary(p => p.id, p => p.i);
    }

    public DataCentre DataCentre { get; }

    public Host Host(HostId id) => _hosts[id];

    public Instance Instance(InstanceId id) => _instances[id].Instance;

    public Vnf VnfOf(InstanceId id) => _instances[id].Vnf;

    /// <summary>The instances placed on a host in the topology.</summary>
    public ImmutableArray<Instance> InstancesOn(HostId id) => _byHost.TryGetValue(id, out var list) ? list : [];

    /// <summary>The compute hosts of a site, in the topology's order.</summary>
    public ImmutableArray<Host> ComputesIn(string site) => _computesBySite.TryGetValue(site, out var list) ? list : [];

    /// <summary>Where a host's name stands among all host names in natural order (<see cref="NaturalOrder"/>): comparing
    /// two of these compares the names.</summary>
    public int NameOrder(HostId id) => _nameOrder[id];

    /// <summary>The control-plane clusters with a member on a host.</summary>
    public ImmutableArray<ControlCluster> ClustersOn(HostId id) => _clustersByHost.TryGetValue(id, out var list) ? list : [];
}
