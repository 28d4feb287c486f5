using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    private readonly Dictionary<VnfId, InstanceId> _active = [];
    private readonly Dictionary<VnfId, (Vnf Vnf, List<(int Wave, double Seconds)> Waves)> _outages = [];

    /// <summary>An instance made unavailable in a wave: why, on which host, and for how long (seconds).</summary>
    private sealed record Disruption(InstanceId Instance, Vnf Vnf, HostId Host, UnavailableReason Reason, double Seconds);

    /// <summary>Takes the wave's hosts out: switchovers, evacuations (destinations checked or chosen), instances left
    /// behind; then judges each affected VNF (ESC-R1, ESC-R2, ESC-M1).</summary>
    private void ReplayHosts(WaveContext w)
    {
        if (!w.TakesHostsOut) return;
        var disruptions = new List<Disruption>();
        foreach (var step in w.Wave.Steps.Where(s => s.Action == StepAction.Switchover))
        {
            foreach (var u in step.Unavailable)
            {
                var vnf = _index.VnfOf(u.Instance);
                disruptions.Add(new Disruption(u.Instance, vnf, _hostOf[u.Instance], UnavailableReason.Switchover,
                    vnf.SwitchoverSeconds > 0 ? vnf.SwitchoverSeconds : step.ExpectedSeconds));
                _active[vnf.Id] = vnf.Instances.First(i => i.Id != u.Instance).Id;
            }
        }
        var evacuate = w.Evacuate;
        var movers = new List<Mover>();
        var planned = w.Wave.Steps.SelectMany(s => s.Moves).GroupBy(m => m.Instance).ToDictionary(g => g.Key, g => g.Last().To);
        foreach (var host in w.Wave.Hosts)
        {
            var down = w.Wave.Kind == WaveKind.Move ? double.PositiveInfinity : w.Upgrade.ExpectedSeconds;
            var affects = w.Wave.Kind == WaveKind.Move
                || UpgradesIn(w, host).Any(c => _campaign.Component(c)?.Impact.AffectsVms == true);
            foreach (var id in _onHost[host].ToList())
            {
                var vnf = _index.VnfOf(id);
                var mode = evacuate?.MoveModeFor(vnf.Migration.Mode);
                if (evacuate is not null && mode is null) CheckMigrationSupport(w, evacuate, id, vnf, host);
                if (mode is { } m)
                {
                    movers.Add(new Mover(id, vnf, host, m, planned.GetValueOrDefault(id)));
                }
                else if (affects)
                {
                    disruptions.Add(new Disruption(id, vnf, host, UnavailableReason.HostDown, down));
                }
            }
        }
        foreach (var (mover, _) in PlaceMovers(w, movers).Where(p => p.To is not null))
        {
            disruptions.Add(mover.Mode == MigrationMode.Live
                ? new Disruption(mover.Id, mover.Vnf, mover.From, UnavailableReason.LiveMigration, _options.LiveMigrationPauseSeconds)
                : new Disruption(mover.Id, mover.Vnf, mover.From, UnavailableReason.ColdMigration, evacuate!.ExpectedSeconds));
        }
        foreach (var group in disruptions.GroupBy(d => d.Vnf.Id))
        {
            CheckActive(w, group);
            CheckRedundancy(w, [.. group.GroupBy(d => d.Instance).Select(g => g.MaxBy(d => d.Seconds)!)]);
        }
    }

    /// <summary>ESC-M1: the procedure evacuates the host but this VM cannot move the way it asks.</summary>
    private void CheckMigrationSupport(WaveContext w, ProcedureStep evacuate, InstanceId id, Vnf vnf, HostId host)
    {
        var pinned = Formula.Var(Var("pinned", id, $"w{w.Number}"));
        _problem.Fact(pinned);
        var wanted = evacuate.Fallback is { } f && f != MigrationMode.None ? $"{Mode(evacuate.Mode)} or {Mode(f)}" : Mode(evacuate.Mode);
        _problem.Check(Invariant.Migration.Code, Formula.Not(pinned), () => new Violation(
            Invariant.Migration.Code, w.Number, vnf.Id.Name,
            $"{id} ({vnf.Id}) cannot leave {host}: the procedure moves VMs {wanted}, {vnf.Id} allows migration {Mode(vnf.Migration.Mode)}",
            w.StepPath(evacuate), Intrinsic: true));
    }

    private static string Mode(MigrationMode? m) => (m ?? MigrationMode.Live).ToString().ToLowerInvariant();

    /// <summary>ESC-R2: the active instance of an active-standby VNF taken down before a switchover.</summary>
    private void CheckActive(WaveContext w, IEnumerable<Disruption> disruptions)
    {
        foreach (var d in disruptions.Where(d => d.Vnf.Redundancy.Model == RedundancyModel.ActiveStandby
            && d.Reason is UnavailableReason.HostDown or UnavailableReason.ColdMigration))
        {
            var active = _active.TryGetValue(d.Vnf.Id, out var a) ? a : d.Vnf.Redundancy.Active;
            if (active != d.Instance || d.Vnf.Instances.Length < 2) continue;
            var lost = Formula.Var(Var("active-lost", d.Instance, $"w{w.Number}"));
            _problem.Fact(lost);
            var standby = d.Vnf.Instances.First(i => i.Id != d.Instance).Id;
            _problem.Check(Invariant.Switchover.Code, Formula.Not(lost), () => new Violation(
                Invariant.Switchover.Code, w.Number, d.Vnf.Id.Name,
                $"{d.Instance}, the active instance of {d.Vnf.Id}, {Why(d)} without a switchover to {standby} first",
                $"procedures.{w.Procedure.Name}"));
        }
    }

    private static string Why(Disruption d) => d.Reason switch
    {
        UnavailableReason.HostDown => double.IsPositiveInfinity(d.Seconds) ? $"is lost with {d.Host} (retired)" : $"goes down with {d.Host} for {Seconds(d.Seconds)}",
        UnavailableReason.ColdMigration => $"is cold-migrated off {d.Host} ({Seconds(d.Seconds)} down)",
        UnavailableReason.LiveMigration => $"pauses about {Seconds(d.Seconds)} live-migrating off {d.Host}",
        _ => $"switches over ({Seconds(d.Seconds)})",
    };
}
