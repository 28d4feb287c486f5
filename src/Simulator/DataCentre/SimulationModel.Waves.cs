using Escalator.Model.Campaigns;
using Escalator.Model.Plans;

namespace Escalator.Simulator.DataCentre;

/// <summary>A wave by target: each target's steps run in order, targets side by side.</summary>
internal sealed record WavePlan(Wave Wave, TargetPlan[] Targets, bool AffectsVms, double RestoreSeconds);

/// <summary>The steps of one target of a wave. <paramref name="Host"/> is −1 for a stage-wide target (transfer, cut-over).</summary>
internal sealed record TargetPlan(string Name, int Host, CompiledStep[] Steps);

/// <summary>A plan step with its references resolved to indices.</summary>
/// <param name="Instance">The instance the step moves or switches over, or −1.</param>
/// <param name="To">A move's planned destination, or −1 when the plan found none.</param>
/// <param name="Services">Cluster and member host of each control-plane member the step takes down.</param>
/// <param name="Source">The procedure step it was made from, where the plan does not carry what the simulator needs
/// (whether a notification waits for replies, an evacuation's fallback and move-once rule); null for strategy steps.</param>
internal sealed record CompiledStep(PlanStep Step, int Instance, int To, (int Cluster, int Host)[] Services, ProcedureStep? Source)
{
    public StepAction Action => Step.Action;
}

internal sealed partial class SimulationModel
{
    private WavePlan CompileWave(Wave wave)
    {
        var stage = Plan.Stages.FirstOrDefault(s => s.Name == wave.Stage);
        var impacts = (stage?.Components ?? []).Select(c => Campaign.Component(c)?.Impact).OfType<Model.Software.UpgradeImpact>().ToList();
        var affectsVms = impacts.Any(i => i.AffectsVms);
        var restore = impacts.Count == 0 ? 0 : impacts.Max(i => i.RestoreSeconds);
        var targets = wave.Steps.GroupBy(s => s.Target)
            .Select(g => new TargetPlan(g.Key, HostIndex.TryGetValue(new(g.Key), out var h) ? h : -1,
                [.. g.Zip(StepSources.Of(Campaign, wave, g), Compile)]))
            .ToArray();
        return new WavePlan(wave, targets, affectsVms, restore);
    }

    private CompiledStep Compile(PlanStep step, ProcedureStep? source)
    {
        var instance = step.Action switch
        {
            StepAction.Evacuate when step.Moves.Length > 0 => InstanceIndex[step.Moves[0].Instance],
            StepAction.Switchover when step.Unavailable.Length > 0 => InstanceIndex[step.Unavailable[0].Instance],
            _ => -1,
        };
        var to = step.Moves.Length > 0 && step.Moves[0].To is { } t && HostIndex.TryGetValue(t, out var ti) ? ti : -1;
        var services = step.Services
            .Where(s => ClusterIndex.ContainsKey(s.Service) && HostIndex.ContainsKey(s.Member))
            .Select(s => (ClusterIndex[s.Service], HostIndex[s.Member])).ToArray();
        return new CompiledStep(step, instance, to, services, source);
    }
}
