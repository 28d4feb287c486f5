using Escalator.Model.Topology;

namespace Escalator.Model.Plans;

/// <summary>Where every instance is as the plan unfolds, with each host's load, for choosing migration destinations.</summary>
internal sealed class Placement
{
    private readonly TopologyIndex _index;
    private readonly Dictionary<InstanceId, HostId> _hostOf = [];
    private readonly Dictionary<HostId, List<InstanceId>> _onHost = [];
    private readonly Dictionary<HostId, (double Vcpu, double Ram, double Disk)> _load = [];

    public Placement(TopologyIndex index)
    {
        _index = index;
        foreach (var host in index.DataCentre.Hosts)
        {
            _onHost[host.Id] = [];
            _load[host.Id] = (0, 0, 0);
        }
        foreach (var instance in index.DataCentre.Vnfs.SelectMany(v => v.Instances))
        {
            Place(instance.Id, instance.Host);
        }
    }

    public HostId HostOf(InstanceId id) => _hostOf[id];

    public IReadOnlyList<InstanceId> On(HostId host) => _onHost[host];

    public void Move(InstanceId id, HostId to)
    {
        var from = _hostOf[id];
        var flavor = _index.Instance(id).Flavor;
        _onHost[from].Remove(id);
        var l = _load[from];
        _load[from] = (l.Vcpu - flavor.Vcpu, l.Ram - flavor.RamGiB, l.Disk - flavor.DiskGiB);
        Place(id, to);
    }

    /// <summary>Free RAM after overcommit, GiB.</summary>
    public double FreeRam(HostId host) => _index.Host(host).Capacity.AllocatableRamGiB - _load[host].Ram;

    /// <summary>Whether the instance's flavour fits on the compute host beside what is there, with overcommit.</summary>
    public bool HasRoom(InstanceId id, HostId host)
    {
        var h = _index.Host(host);
        if (!h.Roles.HasFlag(HostRoles.Compute)) return false;
        var flavor = _index.Instance(id).Flavor;
        var (vcpu, ram, disk) = _load[host];
        const double epsilon = 1e-9;
        return vcpu + flavor.Vcpu <= h.Capacity.AllocatableVcpu + epsilon
            && ram + flavor.RamGiB <= h.Capacity.AllocatableRamGiB + epsilon
            && disk + flavor.DiskGiB <= h.Capacity.AllocatableDiskGiB + epsilon;
    }

    /// <summary>The fault domains (at the VNF's anti-affinity scope) that the instance's siblings occupy now:
    /// the instance may not land in any of them. Empty when the VNF has no anti-affinity.</summary>
    public HashSet<string> BlockedDomains(InstanceId id)
    {
        var vnf = _index.VnfOf(id);
        return vnf.AntiAffinity == AntiAffinity.None
            ? []
            : vnf.Instances.Where(other => other.Id != id)
                .Select(other => FaultDomain.Of(_index.Host(_hostOf[other.Id]), vnf.AntiAffinity))
                .ToHashSet(StringComparer.Ordinal);
    }

    private void Place(InstanceId id, HostId host)
    {
        var flavor = _index.Instance(id).Flavor;
        _hostOf[id] = host;
        _onHost[host].Add(id);
        var l = _load[host];
        _load[host] = (l.Vcpu + flavor.Vcpu, l.Ram + flavor.RamGiB, l.Disk + flavor.DiskGiB);
    }
}
