using Escalator.Model.Semantics;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Tests.Verification;

/// <summary>Merging two waves of a tight safe plan makes it unsafe.</summary>
/// <remarks>
/// <para>"Tight" is what makes the law true. The expanded plan must be safe with no redirect, so that the verifier keeps
/// every destination the plan gives and the placement before wave <c>a</c> is the topology's with the plan's earlier
/// moves applied (a redirect would leave VMs where the plan does not expect them). Then the consecutive waves <c>a</c> and
/// <c>a+1</c> are tight when either:</para>
/// <list type="bullet">
/// <item>(F) together they exceed maxUnavailable, or a per-rack, per-zone or per-site limit: the merged wave breaks ESC-F1,
/// which counts hosts and nothing else; or</item>
/// <item>(R) a VNF that tolerates <c>t ≥ 1</c> has more than <c>t</c> instances, in that placement, on the two waves' hosts,
/// and the stage takes every one of them down (the procedure evacuates, and every generated VM can move; or the upgrade
/// affects VMs). In the merged wave they are all out at once: ESC-R1 — unless a VM that must move finds no room with the
/// extra hosts out, in which case ESC-C1 is broken (and the verifier does not count the stranded VM for ESC-R1: reported).</item>
/// </list>
/// <para>Merely sharing a VNF is not tight (it may tolerate both), nor is a VNF whose instances reach the second wave's
/// hosts only by moving in wave <c>a</c>: merged, they leave from where they stood before it.</para>
/// </remarks>
public sealed class MergePropertyTests
{
    private const int Cases = 200;

    [Fact]
    public void Verify_TightSafePlanWithTwoWavesMerged_IsUnsafe()
    {
        var (byLimits, byRedundancy) = (0, 0);

        Properties.Check(Cases, seed =>
        {
            var world = SmallWorlds.Build(seed, gentle: true);
            var plan = PlanExpander.Expand(world.Campaign, world.Topology);
            var before = Lab.Verify(world.Topology, world.Campaign, plan);
            if (!before.IsSafe || !before.Redirects.IsEmpty) return;
            if (Tight(world, plan) is not { } tight) return;
            var (a, limits, vnf) = tight;

            var merged = Lab.Verify(world.Topology, world.Campaign, PlanEdits.Merge(plan, a, a + 1));

            var codes = merged.Violations.Where(v => v.Wave == a).Select(v => v.Code).ToHashSet();
            var context = $"{world}\nmerged waves {a} and {a + 1} of {string.Join(" ", plan.Waves.Select(w => $"[{string.Join(",", w.Hosts)}]"))}: {string.Join("; ", merged.Violations)}";
            Assert.False(merged.IsSafe, context);
            if (limits) Assert.True(codes.Contains(Invariant.FaultDomains.Code), context);
            if (vnf is not null) Assert.True(codes.Contains(Invariant.Redundancy.Code) || codes.Contains(Invariant.Capacity.Code), context);
            byLimits += limits ? 1 : 0;
            byRedundancy += vnf is not null ? 1 : 0;
        });

        Assert.True(byLimits >= 40 && byRedundancy >= 10, $"tight by limits {byLimits}, by redundancy {byRedundancy}");
    }

    /// <summary>The first pair of consecutive waves tight by redundancy (R), else the first tight by limits (F); null if none.</summary>
    private static (int Wave, bool Limits, Vnf? Vnf)? Tight(SmallWorld world, Plan plan)
    {
        var dc = world.Topology;
        var stage = world.Campaign.Stages[0];
        var procedure = world.Campaign.ProcedureOf(stage);
        var impact = world.Campaign.Components[0].Impact;
        var takesDown = procedure.Steps.Any(s => s.Action == StepAction.Evacuate) || impact.AffectsVms;
        var limits = ((RollingStrategy)stage.Strategy).Limits;
        var max = limits.MaxUnavailable.Resolve(plan.Stages[0].Hosts.Length);
        var placement = dc.Vnfs.SelectMany(v => v.Instances).ToDictionary(i => i.Id, i => i.Host);
        (int, bool, Vnf?)? byLimits = null;
        var evacuate = procedure.Steps.FirstOrDefault(s => s.Action == StepAction.Evacuate);
        var slots = world.Campaign.Simulation.LiveMigration.MaxConcurrentPerHost;
        // Out at once: a VM that cannot move goes down with its host; a host sends at most its concurrent migrations at once.
        int Together(Vnf v, HashSet<HostId> ids) => v.Instances.Where(i => ids.Contains(placement[i.Id])).GroupBy(i => placement[i.Id])
            .Sum(g => evacuate is not null && !MoveRule.Chain(evacuate, v.Migration.Mode).IsEmpty ? Math.Min(g.Count(), slots) : g.Count());
        for (var a = 1; a < plan.Waves.Length; a++)
        {
            var hosts = plan.Waves[a - 1].Hosts.Concat(plan.Waves[a].Hosts).Select(h => dc.Hosts.Single(x => x.Id == h)).ToList();
            var overLimits = hosts.Count > max || Over(hosts.Select(h => h.Rack), limits.PerRack)
                || Over(hosts.Select(h => h.Zone), limits.PerZone) || Over(hosts.Select(h => h.Site), limits.PerSite);
            var ids = hosts.Select(h => h.Id).ToHashSet();
            var vnf = takesDown ? dc.Vnfs.FirstOrDefault(v => v.Tolerated >= 1 && Together(v, ids) > v.Tolerated) : null;
            if (vnf is not null) return (a, overLimits, vnf);
            byLimits ??= overLimits ? (a, true, null) : null;
            foreach (var move in plan.Waves[a - 1].Steps.SelectMany(s => s.Moves).Where(m => m.To is not null)) placement[move.Instance] = move.To!.Value;
        }
        return byLimits;
    }

    private static bool Over(IEnumerable<string> domains, int? limit) => limit is { } l && domains.CountBy(d => d).Any(p => p.Value > l);
}
