using System.Diagnostics;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Synthesis;

/// <summary>Finds the plan with the fewest waves that keeps every invariant.</summary>
/// <remarks>
/// Stage by stage (rolling and canary; a parallel universe keeps its expanded waves), the stage's necessary conditions
/// (<see cref="StageModel"/>) are encoded for W = the proved lower bound, W+1, … waves until Z3 finds an assignment.
/// The waves are expanded (destinations by the documented rule) and the whole plan verified; where verification finds a
/// redundancy or capacity violation that the conditions did not foresee (a VM that landed on a host visited later),
/// the hosts involved become a cut and the search repeats, at most <see cref="MaxRounds"/> times.
/// The result is proved optimal when every stage's wave count equals its lower bound or one wave fewer was proved
/// impossible without cuts.
/// </remarks>
public static class PlanSynthesizer
{
    public const int MaxRounds = 8;

    public static SynthesisResult Synthesize(DataCentre dc, Campaign campaign, SynthesisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(campaign);
        options ??= SynthesisOptions.Default;
        var clock = Stopwatch.StartNew();
        var index = new TopologyIndex(dc);
        var verifyOptions = new VerifyOptions(options.Timeout);
        var models = StageOrder.Sort(campaign.Stages).Where(s => s.Strategy is RollingStrategy or CanaryStrategy)
            .Select(s => StageModelBuilder.Build(index, campaign, s, verifyOptions.Confidence)).ToList();
        var impossible = models.SelectMany(m => m.Impossible.Select(r => $"stage {m.Stage.Name}: {r}")).ToList();
        if (impossible.Count > 0)
        {
            return new SynthesisResult(null, false, null, [.. impossible], [], clock.Elapsed);
        }
        var cuts = models.ToDictionary(m => m.Stage.Name, _ => new List<Group>(), StringComparer.Ordinal);
        Plan? best = null;
        VerificationResult? verification = null;
        List<StageSynthesis> stages = [];
        var optimal = true;
        for (var round = 0; round < MaxRounds; round++)
        {
            var waves = new Dictionary<string, IReadOnlyList<IReadOnlyList<HostId>>>(StringComparer.Ordinal);
            stages = [];
            optimal = true;
            foreach (var m in models)
            {
                var left = options.Timeout - clock.Elapsed;
                var found = Search(m, cuts[m.Stage.Name], left);
                if (found.Waves is null)
                {
                    return best is null
                        ? new SynthesisResult(null, false, null, [$"stage {m.Stage.Name}: {found.Why}"], [.. stages], clock.Elapsed)
                        : new SynthesisResult(best, false, verification, [], [.. stages], clock.Elapsed);
                }
                waves[m.Stage.Name] = found.Waves;
                optimal &= (found.Optimal && cuts[m.Stage.Name].Count == 0) || found.Waves.Count == m.LowerBound();
                stages.Add(new StageSynthesis(m.Stage.Name, found.Waves.Count, m.LowerBound(), true));
            }
            var plan = PlanExpander.Expand(campaign, dc, waves);
            var result = PlanVerifier.Verify(dc, campaign, plan, verifyOptions);
            (best, verification) = (plan, result);
            if (result.IsSafe || !LearnCuts(plan, result, models, cuts)) break;
        }
        stages.AddRange(campaign.Stages.Where(s => s.Strategy is ParallelUniverseStrategy)
            .Select(s => best!.Stages.First(p => p.Name == s.Name))
            .Select(p => new StageSynthesis(p.Name, p.LastWave - p.FirstWave + 1, p.LastWave - p.FirstWave + 1, false)));
        var allSynthesised = stages.All(s => s.Synthesised);
        return new SynthesisResult(best, optimal && allSynthesised && verification!.IsSafe, verification, [], [.. stages], clock.Elapsed);
    }

    /// <summary>The fewest waves that satisfy the stage's conditions and cuts, each wave a list of hosts.</summary>
    private static (List<IReadOnlyList<HostId>>? Waves, bool Optimal, string Why) Search(StageModel m, List<Group> cuts, TimeSpan budget)
    {
        if (m.Hosts.Count == 0) return ([], true, "");
        var clock = Stopwatch.StartNew();
        var lower = m.LowerBound();
        var provedBelow = true;
        for (var w = lower; w <= m.Hosts.Count + (m.FirstWave is null ? 0 : 1); w++)
        {
            var left = budget - clock.Elapsed;
            if (left <= TimeSpan.Zero) return (null, false, $"no plan found within the timeout (tried up to {w - 1} waves)");
            var names = Enumerable.Range(0, m.Hosts.Count).SelectMany(i => Enumerable.Range(0, w).Select(k => WaveEncoding.X(i, k)));
            var model = ProblemSolver.Model(WaveEncoding.Build(m, w, cuts), names, left, out var decided);
            if (model is not null)
            {
                var waves = Enumerable.Range(0, w)
                    .Select(k => (IReadOnlyList<HostId>)[.. Enumerable.Range(0, m.Hosts.Count).Where(i => model.Contains(WaveEncoding.X(i, k))).Select(i => m.Hosts[i].Id)])
                    .Where(list => list.Count > 0).ToList();
                return (waves, provedBelow, "");
            }
            provedBelow &= decided;
        }
        return (null, false, $"no assignment of its {m.Hosts.Count} hosts to waves keeps the limits and every VNF's and cluster's tolerance");
    }

    /// <summary>Turns redundancy and capacity violations of a synthesised plan into cuts; false when there is nothing to learn.</summary>
    private static bool LearnCuts(Plan plan, VerificationResult result, List<StageModel> models, Dictionary<string, List<Group>> cuts)
    {
        var learnt = false;
        foreach (var v in result.Violations.Where(v => v.Code is "ESC-R1" or "ESC-C1" or "ESC-C2"))
        {
            var wave = plan.Waves[v.Wave - 1];
            if (models.FirstOrDefault(m => m.Stage.Name == wave.Stage) is not { } m) continue;
            var position = m.Hosts.Select((h, i) => (h.Id, i)).ToDictionary(p => p.Id, p => p.i);
            var involved = v.Code == "ESC-R1"
                ? wave.Steps.Where(s => s.Unavailable.Any(u => u.Vnf.Name == v.Subject) || s.Moves.Any(mv => mv.Vnf.Name == v.Subject)).Select(s => new HostId(s.Target))
                : wave.Hosts;
            var hosts = involved.Where(position.ContainsKey).Select(h => position[h]).Distinct().ToList();
            if (hosts.Count < 2) continue;
            cuts[m.Stage.Name].Add(new Group($"cut {v.Code} wave {v.Wave}", hosts.ToDictionary(i => i, _ => 1), hosts.Count - 1));
            learnt = true;
        }
        return learnt;
    }
}
