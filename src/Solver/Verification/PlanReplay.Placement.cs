using Escalator.Model.Topology;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    private readonly Dictionary<InstanceId, HostId> _hostOf = [];
    private readonly Dictionary<HostId, List<InstanceId>> _onHost = [];
    private readonly Dictionary<HostId, Load> _load = [];
    private readonly Dictionary<string, List<Host>> _computesBySite = new(StringComparer.Ordinal);

    /// <summary>What the VMs on a host ask of it, in whole units Z3 sums exactly: vCPU, MiB of RAM, MiB of disk.</summary>
    private readonly record struct Load(long Vcpu, long RamMiB, long DiskMiB)
    {
        public static Load Of(Flavor f) => new(f.Vcpu, Mib(f.RamGiB), Mib(f.DiskGiB));

        public static Load Free(Host h, Load used) => new(
            (long)Math.Floor(h.Capacity.AllocatableVcpu + 1e-9) - used.Vcpu,
            (long)Math.Floor(h.Capacity.AllocatableRamGiB * 1024 + 1e-6) - used.RamMiB,
            (long)Math.Floor(h.Capacity.AllocatableDiskGiB * 1024 + 1e-6) - used.DiskMiB);

        public bool FitsIn(Load free) => Vcpu <= free.Vcpu && RamMiB <= free.RamMiB && DiskMiB <= free.DiskMiB;

        public static Load operator +(Load a, Load b) => new(a.Vcpu + b.Vcpu, a.RamMiB + b.RamMiB, a.DiskMiB + b.DiskMiB);

        public static Load operator -(Load a, Load b) => new(a.Vcpu - b.Vcpu, a.RamMiB - b.RamMiB, a.DiskMiB - b.DiskMiB);

        private static long Mib(double gib) => (long)Math.Ceiling(gib * 1024 - 1e-6);
    }

    private void InitPlacement(DataCentre dc)
    {
        foreach (var host in dc.Hosts)
        {
            _onHost[host.Id] = [];
            _load[host.Id] = default;
            if (host.Roles.HasFlag(HostRoles.Compute))
            {
                if (!_computesBySite.TryGetValue(host.Site, out var list)) _computesBySite[host.Site] = list = [];
                list.Add(host);
            }
        }
        foreach (var instance in dc.Vnfs.SelectMany(v => v.Instances)) Place(instance.Id, instance.Host);
    }

    private Load FlavorLoad(InstanceId id) => Load.Of(_index.Instance(id).Flavor);

    private Load FreeOn(HostId host) => Load.Free(_index.Host(host), _load[host]);

    private void Place(InstanceId id, HostId host)
    {
        _hostOf[id] = host;
        _onHost[host].Add(id);
        _load[host] += FlavorLoad(id);
    }

    private void MoveTo(InstanceId id, HostId to)
    {
        var from = _hostOf[id];
        _onHost[from].Remove(id);
        _load[from] -= FlavorLoad(id);
        Place(id, to);
    }

    /// <summary>The anti-affinity domain a host is in for a VNF, or null when the VNF has none.</summary>
    private string? DomainOf(Vnf vnf, HostId host) =>
        vnf.AntiAffinity == AntiAffinity.None ? null : FaultDomain.Of(_index.Host(host), vnf.AntiAffinity);
}
