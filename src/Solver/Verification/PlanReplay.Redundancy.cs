using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    private readonly Dictionary<VnfId, (Vnf Vnf, List<(int Wave, double Seconds, string Why)> Waves)> _outages = [];

    /// <summary>ESC-R1 for one VNF in one wave, given each disrupted instance's longest interruption; false when a VNF that
    /// tolerates none is interrupted longer than its budget (that wave's outage is then reported here, not again by ESC-R3).</summary>
    /// <remarks>Steps of a wave may overlap in any order, so every instance interrupted in the wave counts, however
    /// briefly: a redundant VNF must never lose more than it tolerates, since waves can always keep its instances apart.
    /// A VNF that tolerates none (one instance, <c>none</c>) must be interrupted some time; for it only interruptions
    /// longer than its availability budget (at the verification's confidence) count, and ESC-R3 adds up the shorter ones.</remarks>
    private bool CheckRedundancy(WaveContext w, List<Disruption> disrupted)
    {
        var vnf = disrupted[0].Vnf;
        var budget = vnf.Availability?.MaxOutageSeconds ?? 0;
        var tolerated = vnf.Tolerated;
        Formula Down(Disruption d) => Formula.Var(Var("down", d.Instance, $"w{w.Number}"));
        foreach (var d in disrupted) _problem.Fact(Down(d));
        var over = tolerated > 0 ? disrupted : [.. disrupted.Where(d => AtConfidence(d) > budget)];
        _problem.Check(Invariant.Redundancy.Code, Formula.AtMost(over.Select(Down), tolerated), () => RedundancyViolation(w, vnf, over, tolerated > 0 ? 0 : budget));
        return tolerated > 0 || over.Count == 0;
    }

    /// <summary>Adds the VNF's outage in this wave (<see cref="Outage.Of"/>, each interruption at the confidence) to what
    /// ESC-R3 sums over the campaign.</summary>
    private void Spend(WaveContext w, List<Disruption> disrupted)
    {
        var vnf = disrupted[0].Vnf;
        if (vnf.Availability is null) return;
        var spent = disrupted.Select(d => (d, Seconds: Outage.Of(vnf, d.Reason == UnavailableReason.Switchover || IsActive(vnf, d.Instance), d.Reason, AtConfidence(d))))
            .Where(p => p.Seconds > 0).ToList();
        if (spent.Count == 0) return;
        if (!_outages.TryGetValue(vnf.Id, out var entry)) _outages[vnf.Id] = entry = (vnf, []);
        entry.Waves.Add((w.Number, spent.Sum(p => p.Seconds), List(spent.Select(p => $"{Words(p.d.Reason)} of {p.d.Instance} {Seconds(p.Seconds)}"))));
    }

    private static string Words(UnavailableReason reason) => reason switch
    {
        UnavailableReason.HostDown => "loss",
        UnavailableReason.LiveMigration => "live-migration pause",
        UnavailableReason.ColdMigration => "cold migration",
        _ => "switchover",
    };

    private static Violation RedundancyViolation(WaveContext w, Vnf vnf, List<Disruption> over, double budget)
    {
        var hosts = over.Select(d => d.Host.Name).Distinct().Order(NaturalOrder.Instance).ToList();
        var together = hosts.Count == 1 ? $"{hosts[0]} is out" : $"{List(hosts)} are out together";
        var detail = List(over.Select(d => $"{d.Instance} {Why(d)}"));
        var intrinsic = over.GroupBy(d => d.Host).Any(g => g.Count() > vnf.Tolerated);
        var message = $"{together}; {vnf.Id} keeps {vnf.Instances.Length - over.Count} of {vnf.Instances.Length} instances; "
            + $"{ModelWords(vnf)} tolerates {vnf.Tolerated}{(budget > 0 ? $" interruptions longer than its {Seconds(budget)} budget" : "")} ({detail})";
        if (intrinsic)
        {
            var host = over.GroupBy(d => d.Host).First(g => g.Count() > vnf.Tolerated).Key;
            message += $"; no safe plan: whatever the waves, upgrading {host} alone does this";
        }
        return new Violation(Invariant.Redundancy.Code, w.Number, vnf.Id.Name, message, w.StrategyPath, intrinsic)
        {
            OnlyIfMovesOverlap = hosts.Count > 1 && over.All(d => d.Reason is UnavailableReason.LiveMigration or UnavailableReason.ColdMigration),
        };
    }

    /// <summary>ESC-R3: a VNF's outage over the campaign, each interruption at the verification's confidence, stays within its budget.</summary>
    private void CheckBudgets()
    {
        var at = DurationModel.QuantileName(_options.Confidence);
        foreach (var (id, (vnf, outages)) in _outages)
        {
            var target = vnf.Availability!;
            var terms = outages.Select(o => (Formula.Var(Var("outage", id, $"w{o.Wave}")), Millis(o.Seconds))).ToList();
            foreach (var (term, _) in terms) _problem.Fact(term);
            var total = outages.Sum(o => o.Seconds);
            var last = outages[^1].Wave;
            var each = string.Join("; ", outages.Take(4).Select(o => $"wave {o.Wave}: {o.Why}")) + (outages.Count > 4 ? $"; and {outages.Count - 4} more" : "");
            _problem.Check(Invariant.Budget.Code, Formula.AtMost([.. terms], Millis(target.MaxOutageSeconds)), () => new Violation(
                Invariant.Budget.Code, last, id.Name,
                $"{id} is out {outages.Count} time(s) ({each}), {Seconds(total)} in all at {at}, over its {Seconds(target.MaxOutageSeconds)} budget for the upgrade",
                $"stages[{_stageIndex[_plan.Waves[last - 1].Stage]}]"));
        }
    }

    private static int Millis(double seconds) => (int)Math.Min(int.MaxValue / 4, Math.Ceiling(seconds * 1000));
}
