using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.Solver.Resilience;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    /// <summary>What each wave puts at risk, for the resilience proof; empty unless the verification asks for one.</summary>
    public List<WaveExposure> Exposures { get; } = [];

    /// <summary>The failures to survive: the options' (<c>--tolerate</c>) or else the campaign's.</summary>
    public Model.Semantics.Resilience Resilience => _options.Resilience ?? _campaign.Resilience;

    /// <summary>Records what the wave interrupts (<paramref name="disruptions"/>, each at the confidence), what its moves
    /// become when they fall back, where every VM is during it, the cluster members it takes down, and which hosts could
    /// fail meanwhile.</summary>
    private void RecordExposure(WaveContext w, List<Disruption> disruptions, List<(Mover Mover, HostId? To)> placed)
    {
        if (!Resilience.Any) return;
        var planned = disruptions.Where(d => d.Reason != UnavailableReason.Switchover)
            .Select(d => new Interruption(d.Instance, d.Vnf, d.Host, d.Reason, AtConfidence(d), $"{d.Instance} {Why(d)}")).ToList();
        var fallbacks = new List<Interruption>();
        var evacuate = w.Evacuate;
        foreach (var (mover, _) in placed.Where(p => p.Mover.Chain.Length > 1))
        {
            var flavor = _index.Instance(mover.Id).Flavor;
            var first = _durations.Evacuate(mover.Vnf, flavor, mover.Chain, evacuate!.ExpectedSeconds, evacuate.TimeoutSeconds);
            var then = _durations.Evacuate(mover.Vnf, flavor, mover.Chain[1..], evacuate.ExpectedSeconds, evacuate.TimeoutSeconds);
            if (then.Mode == first.Mode) continue;
            var reason = then.Mode == MigrationMode.Live ? UnavailableReason.LiveMigration : UnavailableReason.ColdMigration;
            var d = new Disruption(mover.Id, mover.Vnf, mover.From, reason, then.Move.PauseSeconds);
            fallbacks.Add(new Interruption(mover.Id, mover.Vnf, mover.From, reason, AtConfidence(d), $"{mover.Id} {Why(d)}",
                $"the {Mode(first.Mode)} migration of {mover.Id} off {mover.From} falls back to {Mode(then.Mode)}"));
        }
        var upgraded = w.Wave.Kind is WaveKind.Rolling or WaveKind.Canary
            ? w.Wave.Hosts.Select(h => (h, HostDownSeconds(w, h))).ToList() : [];
        var canFail = _index.DataCentre.Hosts.Select(h => h.Id)
            .Where(h => !w.Wave.Hosts.Contains(h) && !_retired.Contains(h) && !_unbuilt.Contains(h)).ToHashSet();
        var declared = w.Wave.Kind == WaveKind.Cutover && w.Stage.Strategy is ParallelUniverseStrategy u ? u.CutoverServices : [];
        var membersDown = w.Wave.Steps.SelectMany(s => s.Services.Select(o => (Outage: o, Seconds: s.ExpectedSeconds)))
            .Where(p => !declared.Contains(p.Outage.Service)).GroupBy(p => p.Outage).Select(g => (g.Key, g.Max(p => p.Seconds))).ToList();
        var active = _index.DataCentre.Vnfs.Where(v => v.IsPair).ToDictionary(v => v.Id, v => _active.TryGetValue(v.Id, out var a) ? a : v.Redundancy.Active ?? v.Instances[0].Id);
        Exposures.Add(new WaveExposure(w.Number, w.StrategyPath, [.. w.Wave.Hosts], planned, fallbacks,
            new Dictionary<InstanceId, HostId>(_hostOf), membersDown, active, upgraded, canFail));
    }
}
