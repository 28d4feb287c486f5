using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.Model.Plans;

public sealed partial class PlanExpander
{
    /// <summary>Build on the spares, transfer state, cut over, then empty and retire the old hosts in waves.</summary>
    private void RunParallelUniverse(Stage stage, StageSelection selection, ParallelUniverseStrategy universe)
    {
        var procedure = _campaign.ProcedureOf(stage);
        var spares = _index.DataCentre.Hosts.Where(universe.Spares.Matches).ToList();
        var upgrade = procedure.Steps.First(s => s.Action == StepAction.Upgrade);
        var build = new List<PlanStep>();
        foreach (var spare in spares)
        {
            var versions = selection.Components.Where(_campaign.Targets.ContainsKey)
                .Select(c => new VersionChange(c, spare.Software.TryGetValue(c, out var had) ? had : null, _campaign.Targets[c])).ToImmutableArray();
            build.Add(new PlanStep(spare.Id.Name, StepAction.Build, $"install {string.Join(", ", versions.Select(v => $"{v.Component} {v.To}"))} on {spare.Id}",
                upgrade.ExpectedSeconds, upgrade.TimeoutSeconds, upgrade.OnTimeout, [], [], []) { Versions = versions });
            build.AddRange(procedure.Steps.Where(s => s.Action == StepAction.Verify).Select(v =>
                new PlanStep(spare.Id.Name, StepAction.Verify, $"run the checks {string.Join(", ", v.Checks)}",
                    v.ExpectedSeconds, v.TimeoutSeconds, v.OnTimeout, [], [], []) { Checks = v.Checks }));
        }
        AddWave(stage, WaveKind.Build, [.. spares.Select(s => s.Id)], build);
        _unbuiltSpares.ExceptWith(spares.Select(s => s.Id));

        AddWave(stage, WaveKind.Transfer, [], [new PlanStep(stage.Name, StepAction.TransferState,
            $"transfer state from the {selection.Hosts.Length} old host(s) to the {spares.Count} new one(s)",
            _durations.Transfer(selection.Hosts.Length, universe.Transfer.ExpectedSeconds), universe.Transfer.TimeoutSeconds, universe.Transfer.OnTimeout, [], [], [])]);

        var down = _index.DataCentre.Clusters.Where(c => universe.CutoverServices.Contains(c.Service))
            .SelectMany(c => c.Members.Select(m => new ServiceOutage(c.Service, m))).ToImmutableArray();
        var cutoverDetail = universe.CutoverServices.IsEmpty
            ? "cut over to the new universe"
            : $"cut over to the new universe; {string.Join(", ", universe.CutoverServices)} out meanwhile";
        AddWave(stage, WaveKind.Cutover, [], [new PlanStep(stage.Name, StepAction.Cutover, cutoverDetail,
            universe.Cutover.ExpectedSeconds, universe.Cutover.TimeoutSeconds, universe.Cutover.OnTimeout, [], down, [])]);

        var newUniverse = spares.Select(s => s.Id).ToHashSet();
        var remaining = selection.Hosts.ToList();
        var limits = Resolve(universe.Moves, remaining.Count);
        _view.Allowed = newUniverse;
        while (remaining.Count > 0)
        {
            var wave = Fill(Order(remaining, universe.Moves), limits.Max, universe.Moves, Deferred(stage));
            var inWave = wave.Select(h => h.Id).ToHashSet();
            (_view.InWave, _view.Allowed) = (inWave, newUniverse);
            var number = _waves.Count + 1;
            var steps = wave.SelectMany(h => HostSteps(number, h, [], procedure, Visit.Retire)).ToList();
            AddWave(stage, WaveKind.Move, [.. inWave], steps, limits, [.. spares.Select(s => s.Id)]);
            _retired.UnionWith(inWave);
            Settle(inWave);
            remaining.RemoveAll(wave.ToHashSet().Contains);
        }
    }

    private void AddWave(Stage stage, WaveKind kind, ImmutableArray<HostId> hosts, List<PlanStep> steps, WaveLimits? limits = null,
        ImmutableArray<HostId> movesOnto = default) =>
        _waves.Add(new Wave(_waves.Count + 1, stage.Name, kind, hosts, [.. steps], 0, []) { Limits = limits, MovesOnto = movesOnto.IsDefault ? [] : movesOnto });
}
