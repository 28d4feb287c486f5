using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Solver.Tests.Verification;

internal sealed partial class BruteForceOracle
{
    private const int MaxAssignments = 4096;

    /// <summary>A VM that must leave a host of the wave, how, and where the plan sends it.</summary>
    private sealed record Mover(InstanceId Id, HostId From, MigrationMode Mode, HostId? Planned);

    /// <summary>vCPU, MiB of RAM and MiB of disk.</summary>
    private readonly record struct Units(long Vcpu, long Ram, long Disk)
    {
        public static Units Of(Flavor f) => new(f.Vcpu, (long)Math.Ceiling(f.RamGiB * 1024), (long)Math.Ceiling(f.DiskGiB * 1024));

        public static Units Allocatable(Capacity c) => new((long)Math.Floor(c.AllocatableVcpu + 1e-9),
            (long)Math.Floor(c.AllocatableRamGiB * 1024 + 1e-6), (long)Math.Floor(c.AllocatableDiskGiB * 1024 + 1e-6));

        public static Units operator +(Units a, Units b) => new(a.Vcpu + b.Vcpu, a.Ram + b.Ram, a.Disk + b.Disk);

        public static Units operator -(Units a, Units b) => new(a.Vcpu - b.Vcpu, a.Ram - b.Ram, a.Disk - b.Disk);

        public bool Within(Units free) => Vcpu <= free.Vcpu && Ram <= free.Ram && Disk <= free.Disk;
    }

    private Units Need(InstanceId id) => Units.Of(_instances[id].Instance.Flavor);

    private Units Free(ImmutableDictionary<InstanceId, HostId> placement, HostId host) =>
        placement.Where(p => p.Value == host).Aggregate(Units.Allocatable(_hosts[host].Capacity), (free, p) => free - Need(p.Key));

    private string? Domain(InstanceId id, HostId host) =>
        _instances[id].Vnf.AntiAffinity == AntiAffinity.None ? null : FaultDomain.Of(_hosts[host], _instances[id].Vnf.AntiAffinity);

    /// <summary>A host a VM may go to: a compute of its site, not its own, not out in this wave.</summary>
    private bool Usable(HostId to, Mover m, Wave wave) =>
        _hosts[to].Roles.HasFlag(HostRoles.Compute) && _hosts[to].Site == _hosts[m.From].Site && to != m.From && !wave.Hosts.Contains(to);

    /// <summary>The movers whose planned destination stands: usable, within room with the other planned arrivals there,
    /// and into no anti-affinity domain a sibling stands in or another planned sibling goes to.</summary>
    private HashSet<Mover> Kept(ImmutableDictionary<InstanceId, HostId> placement, Wave wave, List<Mover> movers)
    {
        var kept = movers.Where(m => m.Planned is { } p && Usable(p, m, wave)).ToHashSet();
        foreach (var group in kept.GroupBy(m => m.Planned!.Value).ToList())
        {
            var arriving = group.Aggregate(default(Units), (sum, m) => sum + Need(m.Id));
            if (!arriving.Within(Free(placement, group.Key))) kept.ExceptWith(group);
        }
        kept.RemoveWhere(m => Domain(m.Id, m.Planned!.Value) is { } d && Blocked(placement, m).Contains(d));
        foreach (var clash in kept.Where(m => Domain(m.Id, m.From) is not null)
            .GroupBy(m => (_instances[m.Id].Vnf.Id, Domain(m.Id, m.Planned!.Value))).Where(g => g.Count() > 1).ToList())
        {
            kept.ExceptWith(clash);
        }
        return kept;
    }

    /// <summary>Every way to place the wave's movers: the kept ones where planned, the others each on one candidate,
    /// within every host's room and one instance per anti-affinity domain. Empty when there is none.</summary>
    private IEnumerable<Dictionary<InstanceId, HostId?>> Assign(ImmutableDictionary<InstanceId, HostId> placement, Wave wave, List<Mover> movers)
    {
        var kept = Kept(placement, wave, movers);
        var open = movers.Where(m => !kept.Contains(m)).ToList();
        var moving = movers.Select(m => m.Id).ToHashSet();
        var arrivals = new Dictionary<HostId, Units>();
        var domains = new Dictionary<(VnfId, string), int>();
        foreach (var i in _dc.Vnfs.SelectMany(v => v.Instances).Where(i => !moving.Contains(i.Id) && Domain(i.Id, placement[i.Id]) is not null))
        {
            Count(domains, (_instances[i.Id].Vnf.Id, Domain(i.Id, placement[i.Id])!));
        }
        foreach (var m in kept)
        {
            arrivals[m.Planned!.Value] = arrivals.GetValueOrDefault(m.Planned.Value) + Need(m.Id);
            if (Domain(m.Id, m.Planned.Value) is { } d) Count(domains, (_instances[m.Id].Vnf.Id, d));
        }
        var candidates = open.Select(m => Candidates(placement, wave, m)).ToList();
        var chosen = new HostId[open.Count];
        var found = 0;
        foreach (var _ in Search(0))
        {
            var assignment = movers.ToDictionary(m => m.Id, m => kept.Contains(m) ? m.Planned : null);
            for (var k = 0; k < open.Count; k++) assignment[open[k].Id] = chosen[k];
            yield return assignment;
            if (++found >= MaxAssignments)
            {
                _truncated = true;
                yield break;
            }
        }

        IEnumerable<bool> Search(int k)
        {
            if (k == open.Count)
            {
                yield return true;
                yield break;
            }
            var m = open[k];
            foreach (var h in candidates[k])
            {
                var load = arrivals.GetValueOrDefault(h) + Need(m.Id);
                var domain = Domain(m.Id, h);
                var key = (_instances[m.Id].Vnf.Id, domain ?? "");
                if (!load.Within(Free(placement, h)) || (domain is not null && domains.GetValueOrDefault(key) >= 1)) continue;
                var before = arrivals.GetValueOrDefault(h);
                arrivals[h] = load;
                if (domain is not null) Count(domains, key);
                chosen[k] = h;
                foreach (var done in Search(k + 1)) yield return done;
                arrivals[h] = before;
                if (domain is not null) domains[key]--;
            }
        }
    }

    /// <summary>Hosts of the mover's site with room for it now, usable, outside every domain a sibling stands in now.</summary>
    private List<HostId> Candidates(ImmutableDictionary<InstanceId, HostId> placement, Wave wave, Mover m)
    {
        var blocked = Blocked(placement, m);
        return [.. _dc.Hosts.Select(h => h.Id).Where(h => Usable(h, m, wave) && Need(m.Id).Within(Free(placement, h))
            && (Domain(m.Id, h) is not { } d || !blocked.Contains(d)))];
    }

    /// <summary>The anti-affinity domains the mover's siblings stand in as the wave starts, those leaving included: the
    /// wave's steps may run in any order, so a sibling may still be there when the mover lands.</summary>
    private HashSet<string> Blocked(ImmutableDictionary<InstanceId, HostId> placement, Mover m) =>
        _instances[m.Id].Vnf.Instances.Where(i => i.Id != m.Id).Select(i => Domain(i.Id, placement[i.Id])).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static void Count<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
