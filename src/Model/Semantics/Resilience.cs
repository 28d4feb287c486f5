using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>The failures a plan must survive in every wave (<c>verify --tolerate K</c>, or <c>resilience:</c> in a campaign):
/// up to <paramref name="HostFailures"/> hosts outside the wave fail, up to <paramref name="MigrationFallbacks"/> of the
/// wave's migrations fall back along their chain, and up to <paramref name="Rollbacks"/> upgrades of the wave before roll
/// back, keeping their hosts out into this one. What each means is the Semantics README, "Failures".</summary>
public sealed record Resilience(int HostFailures, int MigrationFallbacks, int Rollbacks)
{
    public static readonly Resilience None = new(0, 0, 0);

    /// <summary>K of each kind: what <c>verify --tolerate K</c> asks.</summary>
    public static Resilience Uniform(int k) => new(k, k, k);

    public bool Any => HostFailures > 0 || MigrationFallbacks > 0 || Rollbacks > 0;

    /// <summary>The most members of a group (a VNF's instances, a cluster's members) that <paramref name="k"/> host
    /// failures take down at once: those on the <paramref name="k"/> hosts that hold the most of them.</summary>
    public static int WorstHostFailures(IEnumerable<HostId> hostOfEachMember, int k)
    {
        ArgumentNullException.ThrowIfNull(hostOfEachMember);
        return hostOfEachMember.GroupBy(h => h).Select(g => g.Count()).OrderDescending().Take(k).Sum();
    }

    public override string ToString() =>
        HostFailures == MigrationFallbacks && MigrationFallbacks == Rollbacks
            ? $"{HostFailures} of each failure"
            : $"{HostFailures} host failure(s), {MigrationFallbacks} migration fallback(s), {Rollbacks} rollback(s)";
}
