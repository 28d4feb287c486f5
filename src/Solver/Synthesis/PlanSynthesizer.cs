using System.Diagnostics;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Synthesis;

/// <summary>Finds the plan with the least expected duration that keeps every invariant.</summary>
/// <remarks>
/// Stage by stage (rolling and canary; a parallel universe keeps its expanded waves), the stage's necessary conditions
/// (<see cref="StageModel"/>) and what each host's visit takes (<see cref="VisitSeconds"/>, from the plan's own step
/// durations) go to <see cref="StageOptimizer"/>: a wave lasts as long as its longest visit, and the stage takes the sum.
/// The waves are expanded (destinations by the documented rule) and the whole plan verified; where verification finds a
/// redundancy or capacity violation that the conditions did not foresee (a VM that landed on a host visited later),
/// the hosts involved become a cut and the search repeats, while a round does better than the one before, at most
/// <see cref="MaxRounds"/> times. The plan is proved optimal when it is SAFE and takes no longer than the proved bound.
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
        var resilience = options.Resilience ?? campaign.Resilience;
        var verifyOptions = new VerifyOptions(options.Timeout, Resilience: resilience);
        var models = Models(dc, campaign, verifyOptions.Confidence);
        var impossible = models.SelectMany(m => m.Impossible.Select(r => $"stage {m.Stage.Name}: {r}")).ToList();
        if (impossible.Count > 0) return NoPlan(impossible, models, clock.Elapsed);
        // Margins for the failures to survive start as cuts, not as the model's own groups: the bound stays the one
        // proved without them (a lower bound still), and what they miss the verification's counterexamples add.
        var cuts = models.ToDictionary(m => m.Stage.Name, m => Margins(dc, m, resilience.HostFailures).ToList(), StringComparer.Ordinal);
        Round? best = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var outcomes = new List<StageOutcome>();
            foreach (var m in models)
            {
                var outcome = StageOptimizer.Run(m, cuts[m.Stage.Name], options, options.Timeout - clock.Elapsed);
                if (outcome.Waves is null)
                {
                    return best is null ? NoPlan([$"stage {m.Stage.Name}: {outcome.Why}"], models, clock.Elapsed) : Result(best, campaign, clock.Elapsed);
                }
                outcomes.Add(campaign.MoveOnce ? outcome with { Waves = WaveOrder.MoveOnce(m, outcome.Waves) } : outcome);
            }
            var waves = models.Zip(outcomes).ToDictionary(p => p.First.Stage.Name,
                p => (IReadOnlyList<IReadOnlyList<HostId>>)[.. p.Second.Waves!.Select(w => (IReadOnlyList<HostId>)[.. w.Select(i => p.First.Hosts[i].Id)])],
                StringComparer.Ordinal);
            var plan = PlanExpander.Expand(campaign, dc, waves);
            var next = new Round(plan, PlanVerifier.Verify(dc, campaign, plan, verifyOptions with { Timeout = Left(options, clock) }), models, outcomes);
            // A round that does no better than the last (cuts that move the violations about) ends the search.
            if (best is not null && !next.Beats(best)) break;
            best = next;
            if (best.Verification.IsSafe || clock.Elapsed >= options.Timeout || !LearnCuts(plan, best.Verification, models, cuts)) break;
        }
        return Result(best!, campaign, clock.Elapsed);
    }

    /// <summary>For each VNF and cluster of the stage that survives <paramref name="failures"/> hosts failing at rest, a
    /// cut that keeps that margin in every wave: the wave takes down no more than it tolerates less what the failures
    /// can take at worst (the instances or members on the <paramref name="failures"/> hosts holding the most). One that
    /// does not survive them at rest is the data centre's (ESC-T0) and keeps its own tolerance.</summary>
    internal static IEnumerable<Group> Margins(DataCentre dc, StageModel model, int failures)
    {
        if (failures <= 0) yield break;
        var held = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var vnf in dc.Vnfs) held[vnf.Id.Name] = [.. vnf.Instances.CountBy(i => i.Host).Select(p => p.Value)];
        foreach (var cluster in dc.Clusters) held[cluster.Service] = [.. cluster.Members.Select(_ => 1)];
        foreach (var group in model.Groups)
        {
            if (!held.TryGetValue(group.Name, out var perHost)) continue;
            var worst = perHost.OrderDescending().Take(failures).Sum();
            var left = group.Tolerated - worst;
            if (worst <= group.Tolerated && left >= group.Weights.Values.Max())
            {
                yield return new Group($"{group.Name} with {failures} failure(s)", group.Weights, left);
            }
        }
    }

    /// <summary>What is left of the timeout, at least a second so that the last plan can be verified.</summary>
    private static TimeSpan Left(SynthesisOptions options, Stopwatch clock) => TimeSpan.FromSeconds(Math.Max(1, (options.Timeout - clock.Elapsed).TotalSeconds));

    /// <summary>The wave model of each rolling and canary stage, in stage order.</summary>
    internal static List<StageModel> Models(DataCentre dc, Campaign campaign, double confidence)
    {
        var index = new TopologyIndex(dc);
        var synthesised = StageOrder.Sort(campaign.Stages).Where(s => s.Strategy is RollingStrategy or CanaryStrategy).ToList();
        var seconds = VisitSeconds.Of(campaign, dc, synthesised);
        return [.. synthesised.Select(s => StageModelBuilder.Build(index, campaign, s, confidence, seconds))];
    }

    private sealed record Round(Plan Plan, VerificationResult Verification, List<StageModel> Models, List<StageOutcome> Outcomes)
    {
        public bool Beats(Round other) =>
            (Verification.Violations.Length, Plan.ExpectedSeconds).CompareTo((other.Verification.Violations.Length, other.Plan.ExpectedSeconds)) < 0;
    }

    private static SynthesisResult NoPlan(List<string> reasons, List<StageModel> models, TimeSpan time) =>
        new(null, false, null, [.. reasons],
            [.. models.Select(m => new StageSynthesis(m.Stage.Name, 0, m.LowerBound(), true, 0, new TimeBound(m).Seconds, Proof.None))],
            0, time);

    /// <summary>The plan of a round, its stages in plan time, and the campaign's bound: synthesised stages at their proved
    /// bound, the others as planned.</summary>
    private static SynthesisResult Result(Round round, Campaign campaign, TimeSpan time)
    {
        var plan = round.Plan;
        var stages = new List<StageSynthesis>();
        foreach (var planned in plan.Stages)
        {
            var waves = plan.Waves.Where(w => w.Stage == planned.Name).ToList();
            var stageSeconds = waves.Sum(w => w.ExpectedSeconds + w.SoakSeconds);
            var at = round.Models.FindIndex(m => m.Stage.Name == planned.Name);
            if (at < 0)
            {
                stages.Add(new StageSynthesis(planned.Name, waves.Count, waves.Count, false, stageSeconds, stageSeconds, Proof.None));
                continue;
            }
            var outcome = round.Outcomes[at];
            // The plan's steps may take longer than the model's least visits (a switchover the order adds): then unproved.
            var proof = stageSeconds <= outcome.LowerBound + (0.001 * waves.Count) ? outcome.Proof : Proof.None;
            stages.Add(new StageSynthesis(planned.Name, waves.Count, round.Models[at].LowerBound(), true, stageSeconds, outcome.LowerBound, proof));
        }
        var optimal = round.Verification.IsSafe && stages.All(s => s.Synthesised && s.Proof != Proof.None);
        return new SynthesisResult(plan, optimal, round.Verification, [], [.. stages], stages.Sum(s => s.LowerBoundSeconds), time);
    }

    /// <summary>Turns redundancy and capacity violations of a synthesised plan into cuts; false when there is nothing to learn.</summary>
    private static bool LearnCuts(Plan plan, VerificationResult result, List<StageModel> models, Dictionary<string, List<Group>> cuts)
    {
        var learnt = false;
        foreach (var v in result.Violations.Where(v => v.Code is "ESC-R1" or "ESC-C1" or "ESC-C2" or "ESC-T1"))
        {
            var wave = plan.Waves[v.Wave - 1];
            if (models.FirstOrDefault(m => m.Stage.Name == wave.Stage) is not { } m) continue;
            var position = m.Hosts.Select((h, i) => (h.Id, i)).ToDictionary(p => p.Id, p => p.i);
            // A VNF or cluster that breaks (ESC-T1: under the failures it must survive): the wave's hosts that interrupt it.
            var involved = v.Code is "ESC-R1" or "ESC-T1"
                ? wave.Steps.Where(s => s.Unavailable.Any(u => u.Vnf.Name == v.Subject) || s.Moves.Any(mv => mv.Vnf.Name == v.Subject)
                    || s.Services.Any(o => o.Service == v.Subject)).Select(s => new HostId(s.Target))
                : wave.Hosts;
            var hosts = involved.Where(position.ContainsKey).Select(h => position[h]).Distinct().ToList();
            if (hosts.Count < 2) continue;
            cuts[m.Stage.Name].Add(new Group($"cut {v.Code} wave {v.Wave}", hosts.ToDictionary(i => i, _ => 1), hosts.Count - 1));
            learnt = true;
        }
        return learnt;
    }
}
