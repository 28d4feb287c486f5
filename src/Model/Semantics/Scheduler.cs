using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>The destination rule, as Nova's scheduler applies it with the campaign's preferences: where a VM leaving its
/// host may go, and where it goes. Used by expansion, the solver's redirects, the simulator and the simulated backend.</summary>
/// <remarks>A VM may go to a compute host of its own site (each site runs its own Nova) other than its own that takes VMs
/// now, has room for its flavour, and holds no other instance of its VNF in the same anti-affinity domain (one migrating
/// holds both its source's and its destination's, as Nova claims both until the migration ends); under move-once
/// not to a host still waiting for its upgrade. Among those it goes to a host already upgraded or outside the campaign
/// before one still waiting (so that it moves once), then to the one with the most free RAM, then by name.</remarks>
public sealed class Scheduler(TopologyIndex index)
{
    private const double Epsilon = 1e-9;

    /// <summary>Whether <paramref name="host"/> may take <paramref name="instance"/> now.</summary>
    public bool CanTake(IPlacementView view, InstanceId instance, HostId host, bool moveOnce)
    {
        ArgumentNullException.ThrowIfNull(view);
        var from = view.HostOf(instance);
        var h = index.Host(host);
        return host != from && h.Roles.HasFlag(HostRoles.Compute) && h.Site == index.Host(from).Site
            && view.Accepts(host) && !(moveOnce && view.Pending(host)) && view.HasRoom(instance, host)
            && !Blocked(view, instance).Contains(FaultDomain.Of(h, index.VnfOf(instance).AntiAffinity));
    }

    /// <summary>Every host that may take <paramref name="instance"/> now, in the topology's order.</summary>
    public IEnumerable<HostId> Candidates(IPlacementView view, InstanceId instance, bool moveOnce)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Candidates(view, instance, moveOnce, index.ComputesIn(index.Host(view.HostOf(instance)).Site));
    }

    /// <summary>The hosts among <paramref name="among"/> (compute hosts of the instance's site, such as those a caller
    /// knows wait for no upgrade) that may take <paramref name="instance"/> now, in their order.</summary>
    public IEnumerable<HostId> Candidates(IPlacementView view, InstanceId instance, bool moveOnce, IEnumerable<Host> among)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(among);
        var blocked = Blocked(view, instance);
        var from = view.HostOf(instance);
        var scope = index.VnfOf(instance).AntiAffinity;
        foreach (var h in among)
        {
            if (h.Id != from && view.Accepts(h.Id) && !(moveOnce && view.Pending(h.Id)) && view.HasRoom(instance, h.Id)
                && !blocked.Contains(FaultDomain.Of(h, scope)))
            {
                yield return h.Id;
            }
        }
    }

    /// <summary>Where <paramref name="instance"/> goes now, or null when no host may take it.</summary>
    /// <param name="penalty">Pushes a host still waiting for its upgrade further back (expansion with given waves uses it
    /// to avoid landing beside a sibling that goes out in the same later wave); 0 by default.</param>
    /// <param name="among">The hosts to consider, compute hosts of the instance's site in the topology's order (by default
    /// all of them); under <paramref name="moveOnce"/> a caller may leave out those still waiting, which are never chosen.</param>
    public HostId? Choose(IPlacementView view, InstanceId instance, bool moveOnce, Func<HostId, int>? penalty = null, IEnumerable<Host>? among = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        HostId? best = null;
        (int Tier, double Free) bestKey = (int.MaxValue, 0);
        var from = view.HostOf(instance);
        var scope = index.VnfOf(instance).AntiAffinity;
        HashSet<string>? blocked = null;
        foreach (var host in among ?? index.ComputesIn(index.Host(from).Site))
        {
            var h = host.Id;
            // Cheap bounds first: a host that cannot beat the best so far on tier or free RAM is not examined further.
            var pending = view.Pending(h);
            if (moveOnce && pending) continue;
            var free = view.FreeRamGiB(h);
            var floor = pending ? 1 : 0;
            if (best is not null && (floor > bestKey.Tier || (floor == bestKey.Tier && free < bestKey.Free - Epsilon))) continue;
            if (h == from || !view.Accepts(h) || !view.HasRoom(instance, h)) continue;
            blocked ??= Blocked(view, instance);
            if (blocked.Contains(FaultDomain.Of(host, scope))) continue;
            var key = (Tier: floor + (pending && penalty is not null ? penalty(h) : 0), Free: free);
            if (best is null || key.Tier < bestKey.Tier || (key.Tier == bestKey.Tier && key.Free > bestKey.Free + Epsilon)
                || (key.Tier == bestKey.Tier && Math.Abs(key.Free - bestKey.Free) <= Epsilon && NaturalOrder.Compare(h.Name, best.Value.Name) < 0))
            {
                (best, bestKey) = (h, key);
            }
        }
        return best;
    }

    /// <summary>The anti-affinity domains the instance's siblings occupy now (empty without anti-affinity).</summary>
    private HashSet<string> Blocked(IPlacementView view, InstanceId instance)
    {
        var vnf = index.VnfOf(instance);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        if (vnf.AntiAffinity == AntiAffinity.None) return blocked;
        foreach (var sibling in vnf.Instances)
        {
            if (sibling.Id == instance) continue;
            foreach (var host in view.Occupies(sibling.Id)) blocked.Add(FaultDomain.Of(index.Host(host), vnf.AntiAffinity));
        }
        return blocked;
    }
}
