using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Synthesis;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Tests.Synthesis;

/// <summary>The synthesizer against brute force on small data centres (<see cref="SmallWorlds"/>, up to 8 hosts): every
/// ordered split of the stage's hosts into waves is expanded, and those that could matter are verified.</summary>
public sealed class PlanSynthesizerPropertyTests
{
    private const int Cases = 40;

    /// <summary>Worlds whose stage has more hosts are skipped: 5 hosts make 541 ordered splits, 6 already 4,683.</summary>
    private const int MaxStageHosts = 5;

    private const double Tolerance = 1e-3;

    private static readonly VerifyOptions Verify = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void Synthesize_SmallWorlds_SafeWhenBruteForceIsAndNoSafePlanIsFaster()
    {
        var (judged, proved, safe) = (0, 0, 0);

        Properties.Check(Cases, seed =>
        {
            var world = SmallWorlds.Build(seed, gentle: seed % 2 == 0);
            var stage = world.Campaign.Stages[0];
            var hosts = StageSelection.Of(world.Campaign, stage, world.Topology).Hosts.Select(h => h.Id).ToList();
            if (hosts.Count == 0 || hosts.Count > MaxStageHosts) return;
            var result = PlanSynthesizer.Synthesize(world.Topology, world.Campaign, new SynthesisOptions(TimeSpan.FromSeconds(30)));
            var candidates = OrderedSplits(hosts).Where(w => KeepsLimits(world, stage, w))
                .Select(w => PlanExpander.Expand(world.Campaign, world.Topology, new Dictionary<string, IReadOnlyList<IReadOnlyList<HostId>>> { [stage.Name] = w }))
                .OrderBy(p => p.ExpectedSeconds).ToList();
            // The fastest safe plan by brute force: the first candidate, fastest first, that verifies SAFE.
            var fastest = candidates.FirstOrDefault(p => PlanVerifier.Verify(world.Topology, world.Campaign, p, Verify).IsSafe);

            judged++;
            if (fastest is null) return;
            safe++;
            Assert.True(result.Plan is not null && result.Verification!.IsSafe, $"a safe plan of {fastest.ExpectedSeconds}s exists; synthesis: {Describe(result)}");
            Assert.True(PlanVerifier.Verify(world.Topology, world.Campaign, result.Plan!, Verify).IsSafe);
            Assert.True(fastest.ExpectedSeconds >= result.LowerBoundSeconds - Tolerance,
                $"a safe plan takes {fastest.ExpectedSeconds}s, under the bound {result.LowerBoundSeconds}s");
            if (!result.ProvedOptimal) return;
            proved++;
            Assert.True(result.Plan!.ExpectedSeconds <= fastest.ExpectedSeconds + Tolerance,
                $"proved optimal at {result.Plan.ExpectedSeconds}s, but a safe plan takes {fastest.ExpectedSeconds}s");
        });

        // The property must have judged worlds with safe plans, and proved some of them optimal.
        Assert.True(safe > Cases / 8 && proved > 0, $"judged {judged}, with a safe plan {safe}, proved optimal {proved}");
    }

    /// <summary>Every way to split <paramref name="hosts"/> into a sequence of non-empty waves.</summary>
    private static IEnumerable<IReadOnlyList<IReadOnlyList<HostId>>> OrderedSplits(List<HostId> hosts)
    {
        if (hosts.Count == 0)
        {
            yield return [];
            yield break;
        }
        // Choose the first wave (a non-empty subset), then split the rest.
        for (var mask = 1; mask < 1 << hosts.Count; mask++)
        {
            var first = hosts.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            var rest = hosts.Where((_, i) => (mask & (1 << i)) == 0).ToList();
            foreach (var tail in OrderedSplits(rest)) yield return [first, .. tail];
        }
    }

    /// <summary>The stage's maxUnavailable and fault-domain limits, counted here (any plan that breaks them is unsafe).</summary>
    private static bool KeepsLimits(SmallWorld world, Stage stage, IReadOnlyList<IReadOnlyList<HostId>> waves)
    {
        var limits = ((RollingStrategy)stage.Strategy).Limits;
        var count = waves.Sum(w => w.Count);
        var byId = world.Topology.Hosts.ToDictionary(h => h.Id);
        return waves.All(w => w.Count <= limits.MaxUnavailable.Resolve(count)
            && Within(w.Select(h => byId[h].Rack), limits.PerRack)
            && Within(w.Select(h => byId[h].Zone), limits.PerZone)
            && Within(w.Select(h => byId[h].Site), limits.PerSite));
    }

    private static bool Within(IEnumerable<string> domains, int? limit) => limit is not { } l || domains.GroupBy(d => d).All(g => g.Count() <= l);

    private static string Describe(SynthesisResult r) =>
        r.Plan is null ? string.Join("; ", r.NoPlanReasons) : string.Join("; ", r.Verification!.Violations);
}
