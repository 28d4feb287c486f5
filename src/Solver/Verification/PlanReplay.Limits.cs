using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    /// <summary>ESC-F1: the wave's hosts within the stage's limits, overall and per rack, zone and site.</summary>
    private void CheckLimits(WaveContext w)
    {
        if (!w.TakesHostsOut || w.Wave.Hosts.IsEmpty || w.Wave.Limits is not { } limits) return;
        var max = limits.Max;
        var hosts = w.Wave.Hosts.Select(_index.Host).ToList();
        foreach (var h in hosts) _problem.Fact(Formula.Var(Var("out", h.Id, $"w{w.Number}")));
        Formula Out(Host h) => Formula.Var(Var("out", h.Id, $"w{w.Number}"));
        var names = hosts.Select(h => h.Id.Name).ToList();
        _problem.Check(Invariant.FaultDomains.Code, Formula.AtMost(hosts.Select(Out), max), () => new Violation(
            Invariant.FaultDomains.Code, w.Number, w.Stage.Name,
            $"{List(names)} are out together ({hosts.Count}); stage {w.Stage.Name} allows {max} at a time", w.StrategyPath));
        foreach (var (kind, limit, domain) in new (string, int?, Func<Host, string>)[]
            { ("rack", limits.PerRack, h => h.Rack), ("zone", limits.PerZone, h => h.Zone), ("site", limits.PerSite, h => h.Site) })
        {
            if (limit is not { } l) continue;
            foreach (var group in hosts.GroupBy(domain))
            {
                _problem.Check(Invariant.FaultDomains.Code, Formula.AtMost(group.Select(Out), l), () => new Violation(
                    Invariant.FaultDomains.Code, w.Number, group.Key,
                    $"{kind} {group.Key} has {group.Count()} hosts out ({List(group.Select(h => h.Id.Name))}); stage {w.Stage.Name} allows {l} per {kind}",
                    w.StrategyPath));
            }
        }
    }

    /// <summary>ESC-W1: every step's wait is bounded by a finite timeout no shorter than what the step is expected to take.</summary>
    private void CheckWaits(WaveContext w)
    {
        foreach (var step in w.Wave.Steps)
        {
            var ok = double.IsFinite(step.TimeoutSeconds) && step.TimeoutSeconds > 0 && step.TimeoutSeconds >= step.ExpectedSeconds;
            var procedureStep = w.Procedure.Steps.FirstOrDefault(s => s.Action == step.Action);
            var path = procedureStep is null ? w.StrategyPath : w.StepPath(procedureStep);
            _problem.Check(Invariant.BoundedWait.Code, ok ? Formula.True : Formula.False, () => new Violation(
                Invariant.BoundedWait.Code, w.Number, step.Target,
                double.IsFinite(step.TimeoutSeconds) && step.TimeoutSeconds > 0
                    ? $"{step.Action.ToString().ToLowerInvariant()} on {step.Target} may wait {Seconds(step.TimeoutSeconds)}, less than the {Seconds(step.ExpectedSeconds)} it is expected to take"
                    : $"{step.Action.ToString().ToLowerInvariant()} on {step.Target} waits without a bound",
                path));
        }
    }

    /// <summary>ESC-O1 for stages: each stage's first wave comes after the last wave of every stage it follows.</summary>
    private void CheckStageOrder()
    {
        var planned = _plan.Stages.Where(s => s.FirstWave <= s.LastWave).ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var stage in _campaign.Stages)
        {
            if (!planned.TryGetValue(stage.Name, out var mine)) continue;
            foreach (var before in stage.After)
            {
                if (!planned.TryGetValue(before, out var other)) continue;
                var ok = other.LastWave < mine.FirstWave;
                _problem.Check(Invariant.Order.Code, ok ? Formula.True : Formula.False, () => new Violation(
                    Invariant.Order.Code, mine.FirstWave, stage.Name,
                    $"stage {stage.Name} starts in wave {mine.FirstWave}, before stage {before}, which it follows, ends (wave {other.LastWave})",
                    $"stages[{_stageIndex[stage.Name]}].after"));
            }
        }
    }
}
