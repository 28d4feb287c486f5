using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    private readonly Dictionary<InstanceId, HostId> _hostOf = [];
    private readonly Dictionary<HostId, List<InstanceId>> _onHost = [];
    private readonly Dictionary<HostId, Load> _load = [];

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

    /// <summary>The replay's data centre in a wave, for the <see cref="Scheduler"/>: the wave's hosts out (<paramref name="Out"/>),
    /// retired and unbuilt hosts out, and in a parallel universe's move wave only its new hosts taking VMs.</summary>
    private sealed record View(PlanReplay Replay, HashSet<HostId> Out, HashSet<HostId>? Universe) : IPlacementView
    {
        public HostId HostOf(InstanceId instance) => Replay._hostOf[instance];

        public bool Accepts(HostId host) => !Maintenance.IsOut(host, Out) && !Replay._retired.Contains(host) && !Replay._unbuilt.Contains(host)
            && (Universe is null || Universe.Contains(host));

        public bool Pending(HostId host) => Replay._pending.Contains(host);

        public bool HasRoom(InstanceId instance, HostId host) => Replay.FlavorLoad(instance).FitsIn(Replay.FreeOn(host));

        public double FreeRamGiB(HostId host) => Replay.FreeOn(host).RamMiB / 1024.0;
    }

    /// <summary>The anti-affinity domain a host is in for a VNF, or null when the VNF has none.</summary>
    private string? DomainOf(Vnf vnf, HostId host) =>
        vnf.AntiAffinity == AntiAffinity.None ? null : FaultDomain.Of(_index.Host(host), vnf.AntiAffinity);
}
