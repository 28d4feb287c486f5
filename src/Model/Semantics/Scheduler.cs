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
    /// <summary>Whether <paramref name="host"/> may take <paramref name="instance"/> now.</summary>
    public bool CanTake(IPlacementView view, InstanceId instance, HostId host, bool moveOnce)
    {
        ArgumentNullException.ThrowIfNull(view);
        var from = view.HostOf(instance);
        var h = index.Host(host);
        return host != from && h.Roles.HasFlag(HostRoles.Compute) && h.Site == index.Host(from).Site
            && view.Accepts(host) && !(moveOnce && view.Pending(host)) && view.HasRoom(instance, host)
            && !Held(view, instance, h);
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
        HashSet<string>? blocked = null;
        var from = view.HostOf(instance);
        var scope = index.VnfOf(instance).AntiAffinity;
        foreach (var h in among)
        {
            if (h.Id != from && view.Accepts(h.Id) && !(moveOnce && view.Pending(h.Id)) && view.HasRoom(instance, h.Id)
                && !(blocked ??= Blocked(view, instance)).Contains(FaultDomain.Of(h, scope)))
            {
                yield return h.Id;
            }
        }
    }

    /// <summary>Where <paramref name="instance"/> goes now, or null when no host may take it: the host of least
    /// <see cref="Rank"/> among those that may.</summary>
    /// <param name="penalty">Pushes a host still waiting for its upgrade further back (expansion with given waves uses it
    /// to avoid landing beside a sibling that goes out in the same later wave); 0 by default.</param>
    /// <param name="among">The hosts to consider, compute hosts of the instance's site in the topology's order (by default
    /// all of them); under <paramref name="moveOnce"/> a caller may leave out those still waiting, which are never chosen.</param>
    public HostId? Choose(IPlacementView view, InstanceId instance, bool moveOnce, Func<HostId, int>? penalty = null, IEnumerable<Host>? among = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        Host? best = null;
        var bestRank = default(Rank);
        var from = view.HostOf(instance);
        var scope = index.VnfOf(instance).AntiAffinity;
        HashSet<string>? blocked = null;
        foreach (var host in among ?? index.ComputesIn(index.Host(from).Site))
        {
            var h = host.Id;
            var pending = view.Pending(h);
            if (moveOnce && pending) continue;
            // Cheap bounds first: a host that cannot beat the best so far even without a penalty is not examined further.
            var rank = RankOf(view, host);
            if (best is not null && rank.CompareTo(bestRank) > 0) continue;
            if (h == from || !view.Accepts(h) || !view.HasRoom(instance, h)) continue;
            blocked ??= Blocked(view, instance);
            if (blocked.Contains(FaultDomain.Of(host, scope))) continue;
            if (pending && penalty is not null) rank = rank with { Tier = rank.Tier + penalty(h) };
            if (best is null || rank.CompareTo(bestRank) < 0) (best, bestRank) = (host, rank);
        }
        return best?.Id;
    }

    /// <summary>What <see cref="Choose"/> decides (without a penalty), from hosts the caller keeps in order of
    /// <see cref="Rank"/>: the first that may take the instance. It walks only the hosts it passes over, where
    /// <see cref="Choose"/> walks the whole site.</summary>
    /// <param name="byRank">The compute hosts of the instance's site, least <see cref="RankOf"/> first.</param>
    public HostId? First(IPlacementView view, InstanceId instance, bool moveOnce, IEnumerable<Host> byRank)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(byRank);
        var from = view.HostOf(instance);
        foreach (var host in byRank)
        {
            var h = host.Id;
            // Hosts still waiting rank after every settled one: under move-once, none of the rest may take it.
            if (moveOnce && view.Pending(h)) return null;
            if (h != from && view.Accepts(h) && view.HasRoom(instance, h) && !Held(view, instance, host)) return h;
        }
        return null;
    }

    /// <summary>Whether one of the instance's siblings holds <paramref name="host"/>'s anti-affinity domain now: the
    /// question <see cref="Blocked"/> answers for every host at once, asked of one.</summary>
    private bool Held(IPlacementView view, InstanceId instance, Host host)
    {
        var scope = index.VnfOf(instance).AntiAffinity;
        if (scope == AntiAffinity.None) return false;
        var domain = FaultDomain.Of(host, scope);
        return SiblingDomains(view, instance).Any(d => string.Equals(d, domain, StringComparison.Ordinal));
    }

    /// <summary>Where a host stands in the scheduler's preference, least first: a host already upgraded or outside the
    /// campaign before one still waiting (so that a VM moves once), then the most free RAM, then by name.</summary>
    public Rank RankOf(IPlacementView view, Host host)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(host);
        return new Rank(view.Pending(host.Id) ? 1 : 0, (long)Math.Round(view.FreeRamGiB(host.Id) * 1024 * 1024), index.NameOrder(host.Id));
    }

    /// <summary>A host's place in the scheduler's preference (<see cref="RankOf"/>). Free RAM counts to the KiB, so that
    /// the same load summed in another order ranks the same; names by <see cref="TopologyIndex.NameOrder"/>.</summary>
    public readonly record struct Rank(int Tier, long FreeKiB, int NameOrder) : IComparable<Rank>
    {
        public int CompareTo(Rank other) =>
            Tier != other.Tier ? Tier.CompareTo(other.Tier)
            : FreeKiB != other.FreeKiB ? other.FreeKiB.CompareTo(FreeKiB)
            : NameOrder.CompareTo(other.NameOrder);

        public static bool operator <(Rank a, Rank b) => a.CompareTo(b) < 0;

        public static bool operator >(Rank a, Rank b) => a.CompareTo(b) > 0;

        public static bool operator <=(Rank a, Rank b) => a.CompareTo(b) <= 0;

        public static bool operator >=(Rank a, Rank b) => a.CompareTo(b) >= 0;
    }

    /// <summary>The anti-affinity domains the instance's siblings occupy now (empty without anti-affinity).</summary>
    private HashSet<string> Blocked(IPlacementView view, InstanceId instance) => SiblingDomains(view, instance).ToHashSet(StringComparer.Ordinal);

    /// <summary>The anti-affinity domain of each host the instance's siblings hold now (<see cref="IPlacementView.Occupies"/>).</summary>
    private IEnumerable<string> SiblingDomains(IPlacementView view, InstanceId instance)
    {
        var vnf = index.VnfOf(instance);
        if (vnf.AntiAffinity == AntiAffinity.None) yield break;
        foreach (var sibling in vnf.Instances)
        {
            if (sibling.Id == instance) continue;
            foreach (var host in view.Occupies(sibling.Id)) yield return FaultDomain.Of(index.Host(host), vnf.AntiAffinity);
        }
    }
}
