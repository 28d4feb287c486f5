using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Simulator.DataCentre;

/// <summary>A wave by target: each target's steps run in order, targets side by side.</summary>
internal sealed record WavePlan(Wave Wave, TargetPlan[] Targets)
{
    /// <summary>The hosts the wave holds out (<see cref="Maintenance.HostsOut"/>), as a set.</summary>
    public HashSet<HostId> Out { get; } = [.. Maintenance.HostsOut(Wave)];
}

/// <summary>The steps of one target of a wave. <paramref name="Host"/> is −1 for a stage-wide target (transfer, cut-over).</summary>
/// <param name="AffectsVms">Whether the host's upgrade takes down the VMs still on it (the plan's versions' impact).</param>
internal sealed record TargetPlan(string Name, int Host, CompiledStep[] Steps, bool AffectsVms);

/// <summary>A plan step with its references resolved to indices.</summary>
/// <param name="Instance">The instance the step moves or switches over, or −1.</param>
/// <param name="To">A move's planned destination, or −1 when the plan found none.</param>
/// <param name="Services">Cluster and member host of each control-plane member the step takes down.</param>
/// <param name="Chain">A move's modes, in order (its mode, then its fallbacks).</param>
internal sealed record CompiledStep(PlanStep Step, int Instance, int To, (int Cluster, int Host)[] Services, ImmutableArray<MigrationMode> Chain)
{
    public StepAction Action => Step.Action;
}

internal sealed partial class SimulationModel
{
    private WavePlan CompileWave(Wave wave) =>
        new(wave, [.. wave.Steps.GroupBy(s => s.Target).Select(g => Target(g.Key, [.. g]))]);

    private TargetPlan Target(string name, PlanStep[] steps)
    {
        var upgraded = steps.Where(s => s.Action == StepAction.Upgrade).SelectMany(s => s.Versions).Select(v => v.Component);
        return new TargetPlan(name, HostIndex.TryGetValue(new(name), out var h) ? h : -1, [.. steps.Select(Compile)], Campaign.TakesVmsDown(upgraded));
    }

    private CompiledStep Compile(PlanStep step)
    {
        var instance = step.Action switch
        {
            StepAction.Evacuate when step.Moves.Length > 0 => InstanceIndex[step.Moves[0].Instance],
            StepAction.Switchover when step.Unavailable.Length > 0 => InstanceIndex[step.Unavailable[0].Instance],
            _ => -1,
        };
        var move = step.Moves.Length > 0 ? step.Moves[0] : null;
        var to = move?.To is { } t && HostIndex.TryGetValue(t, out var ti) ? ti : -1;
        var services = step.Services
            .Where(s => ClusterIndex.ContainsKey(s.Service) && HostIndex.ContainsKey(s.Member))
            .Select(s => (ClusterIndex[s.Service], HostIndex[s.Member])).ToArray();
        return new CompiledStep(step, instance, to, services, move is null ? [] : move.Chain);
    }
}
