using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    private readonly Dictionary<VnfId, InstanceId> _active = [];

    /// <summary>An instance made unavailable in a wave: why, on which host, and for how long (seconds, expected).</summary>
    private sealed record Disruption(InstanceId Instance, Vnf Vnf, HostId Host, UnavailableReason Reason, double Seconds);

    /// <summary>Takes the wave's hosts out: switchovers, evacuations (destinations checked or chosen), instances left
    /// behind; then judges each affected VNF (ESC-R1, ESC-R2, ESC-M1) and counts its outage against its budget.</summary>
    private void ReplayHosts(WaveContext w)
    {
        if (!w.TakesHostsOut)
        {
            RecordExposure(w, [], []);
            return;
        }
        var disruptions = new List<Disruption>();
        foreach (var step in w.Wave.Steps.Where(s => s.Action == StepAction.Switchover))
        {
            foreach (var u in step.Unavailable)
            {
                var vnf = _index.VnfOf(u.Instance);
                disruptions.Add(new Disruption(u.Instance, vnf, _hostOf[u.Instance], UnavailableReason.Switchover, u.Seconds));
                _active[vnf.Id] = vnf.Instances.First(i => i.Id != u.Instance).Id;
            }
        }
        var evacuate = w.Evacuate;
        var movers = new List<Mover>();
        var planned = w.Wave.Steps.SelectMany(s => s.Moves).GroupBy(m => m.Instance).ToDictionary(g => g.Key, g => g.Last().To);
        foreach (var host in w.Wave.Hosts)
        {
            var retired = w.Wave.Kind == WaveKind.Move;
            var down = retired ? double.PositiveInfinity : HostDownSeconds(w, host);
            var affects = retired || _campaign.TakesVmsDown(UpgradesIn(w, host).Select(c => c.Component));
            foreach (var id in _onHost[host].ToList())
            {
                var vnf = _index.VnfOf(id);
                var chain = evacuate is null ? [] : MoveRule.Chain(evacuate, vnf.Migration.Mode);
                // A VM that cannot move the way the procedure asks matters only where the upgrade takes it down.
                if (evacuate is not null && chain.IsEmpty && affects) CheckMigrationSupport(w, evacuate, id, vnf, host);
                if (!chain.IsEmpty)
                {
                    movers.Add(new Mover(id, vnf, host, chain, planned.GetValueOrDefault(id)));
                }
                else if (affects)
                {
                    disruptions.Add(new Disruption(id, vnf, host, UnavailableReason.HostDown, down));
                }
            }
        }
        var placed = PlaceMovers(w, movers).Where(p => p.To is not null).ToList();
        foreach (var (mover, _) in placed)
        {
            var e = _durations.Evacuate(mover.Vnf, _index.Instance(mover.Id).Flavor, mover.Chain, evacuate!.ExpectedSeconds, evacuate.TimeoutSeconds);
            var reason = e.Mode == MigrationMode.Live ? UnavailableReason.LiveMigration : UnavailableReason.ColdMigration;
            disruptions.Add(new Disruption(mover.Id, mover.Vnf, mover.From, reason, e.Move.PauseSeconds));
        }
        RecordExposure(w, disruptions, placed);
        foreach (var group in disruptions.GroupBy(d => d.Vnf.Id))
        {
            CheckActive(w, group);
            var counted = Simultaneous([.. group]);
            var within = counted.Count == 0 || CheckRedundancy(w, counted);
            if (within) Spend(w, [.. group]);
        }
    }

    /// <summary>The interruptions of a redundant VNF's instances that can fall together in a wave, for ESC-R1: hosts going
    /// down and moves off different hosts may all overlap, but a host sends at most Nova's <c>max_concurrent_live_migrations</c>
    /// VMs at once (the longest are counted), and a switchover takes no instance down (its gap is the VNF's outage, ESC-R3).
    /// A VNF that tolerates none is judged on each interruption's length, so all count.</summary>
    /// <remarks>Each instance counts once, by its longest interruption.</remarks>
    private List<Disruption> Simultaneous(List<Disruption> disrupted)
    {
        List<Disruption> Longest(IEnumerable<Disruption> ds) => [.. ds.GroupBy(d => d.Instance).Select(g => g.MaxBy(d => d.Seconds)!)];
        if (disrupted[0].Vnf.Tolerated == 0) return Longest(disrupted);
        static bool Moves(Disruption d) => d.Reason is UnavailableReason.LiveMigration or UnavailableReason.ColdMigration;
        var slots = _campaign.Simulation.LiveMigration.MaxConcurrentPerHost;
        var down = Longest(disrupted.Where(d => d.Reason != UnavailableReason.Switchover));
        return [.. down.Where(d => !Moves(d)), .. down.Where(Moves).GroupBy(d => d.Host).SelectMany(g => g.OrderByDescending(AtConfidence).Take(slots))];
    }

    /// <summary>How long a host of the wave is down: its upgrade step's expected time.</summary>
    private static double HostDownSeconds(WaveContext w, HostId host) =>
        w.StepsOn[host.Name].FirstOrDefault(s => s.Action == StepAction.Upgrade)?.ExpectedSeconds ?? w.Upgrade.ExpectedSeconds;

    /// <summary>An interruption's length at the verification's confidence (the one duration model).</summary>
    private double AtConfidence(Disruption d) => _durations.AtConfidence(d.Reason, d.Seconds, _options.Confidence);

    private bool IsActive(Vnf vnf, InstanceId instance) =>
        (_active.TryGetValue(vnf.Id, out var a) ? a : vnf.Redundancy.Active ?? vnf.Instances[0].Id) == instance;

    /// <summary>ESC-M1: the procedure evacuates the host but this VM cannot move the way it asks.</summary>
    private void CheckMigrationSupport(WaveContext w, ProcedureStep evacuate, InstanceId id, Vnf vnf, HostId host)
    {
        var pinned = Formula.Var(Var("pinned", id, $"w{w.Number}"));
        _problem.Fact(pinned);
        var wanted = evacuate.Fallback is { } f && f != evacuate.Mode ? $"{Mode(evacuate.Mode)} or {Mode(f)}" : Mode(evacuate.Mode);
        _problem.Check(Invariant.Migration.Code, Formula.Not(pinned), () => new Violation(
            Invariant.Migration.Code, w.Number, vnf.Id.Name,
            $"{id} ({vnf.Id}) cannot leave {host}: the procedure moves VMs {wanted}, {vnf.Id} allows migration {Mode(vnf.Migration.Mode)}",
            w.StepPath(evacuate), Intrinsic: true));
    }

    private static string Mode(MigrationMode? m) => (m ?? MigrationMode.Live).ToString().ToLowerInvariant();

    /// <summary>ESC-R2: the active instance of an active-standby VNF taken down before a switchover. Where the procedure
    /// does switch over but the standby is interrupted in the same wave, that is what the violation says: there was no
    /// instance to hand over to.</summary>
    private void CheckActive(WaveContext w, IEnumerable<Disruption> disruptions)
    {
        var all = disruptions.ToList();
        var switches = w.Procedure.Steps.Any(s => s.Action == StepAction.Switchover);
        foreach (var d in all.Where(d => d.Vnf.Redundancy.Model == RedundancyModel.ActiveStandby
            && d.Reason is UnavailableReason.HostDown or UnavailableReason.ColdMigration))
        {
            if (!IsActive(d.Vnf, d.Instance) || !d.Vnf.IsPair) continue;
            var lost = Formula.Var(Var("active-lost", d.Instance, $"w{w.Number}"));
            _problem.Fact(lost);
            var standby = d.Vnf.Instances.First(i => i.Id != d.Instance).Id;
            var alsoDown = switches ? all.Where(o => o.Instance == standby && o.Reason != UnavailableReason.Switchover).MaxBy(o => o.Seconds) : null;
            var message = alsoDown is null
                ? $"{d.Instance}, the active instance of {d.Vnf.Id}, {Why(d)} without a switchover to {standby} first"
                : $"{d.Instance}, the active instance of {d.Vnf.Id}, {Why(d)} while its standby {standby} {Why(alsoDown)} in the same wave: "
                    + "there is no instance to switch over to";
            _problem.Check(Invariant.Switchover.Code, Formula.Not(lost), () => new Violation(
                Invariant.Switchover.Code, w.Number, d.Vnf.Id.Name, message, alsoDown is null ? $"procedures.{w.Procedure.Name}" : w.StrategyPath));
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
