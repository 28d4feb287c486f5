using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    /// <summary>ESC-R1 for one VNF in one wave, given each disrupted instance's longest interruption.</summary>
    /// <remarks>Steps of a wave may overlap in any order, so every instance interrupted in the wave counts, however
    /// briefly: a redundant VNF must never lose more than it tolerates, since waves can always keep its instances apart.
    /// A VNF that tolerates none (one instance, <c>none</c>) must be interrupted some time; for it only interruptions
    /// longer than its availability budget count, and ESC-R3 adds up the shorter ones.</remarks>
    private void CheckRedundancy(WaveContext w, List<Disruption> disrupted)
    {
        var vnf = disrupted[0].Vnf;
        var budget = vnf.Availability?.MaxOutageSeconds ?? 0;
        var tolerated = vnf.Tolerated;
        Formula Down(Disruption d) => Formula.Var(Var("down", d.Instance, $"w{w.Number}"));
        foreach (var d in disrupted) _problem.Fact(Down(d));
        var over = tolerated > 0 ? disrupted : [.. disrupted.Where(d => d.Seconds > budget)];
        _problem.Check(Invariant.Redundancy.Code, Formula.AtMost(over.Select(Down), tolerated), () => RedundancyViolation(w, vnf, over, tolerated > 0 ? 0 : budget));
        if (tolerated == 0 && over.Count == 0)
        {
            if (!_outages.TryGetValue(vnf.Id, out var entry)) _outages[vnf.Id] = entry = (vnf, []);
            entry.Waves.Add((w.Number, disrupted.Max(d => d.Seconds)));
        }
    }

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
        return new Violation(Invariant.Redundancy.Code, w.Number, vnf.Id.Name, message, w.StrategyPath, intrinsic);
    }

    private static string ModelWords(Vnf vnf) => vnf.Redundancy.Model switch
    {
        RedundancyModel.ActiveStandby => "active-standby",
        RedundancyModel.NPlusM => $"n+m ({vnf.Redundancy.MinActive} of {vnf.Instances.Length} needed)",
        RedundancyModel.Quorum => $"a quorum of {vnf.Instances.Length}",
        _ => "no redundancy (none)",
    };

    /// <summary>ESC-R3: the outages within budget, added up over the campaign, stay within the VNF's availability target.</summary>
    private void CheckBudgets()
    {
        foreach (var (id, (vnf, outages)) in _outages)
        {
            if (vnf.Availability is not { } target) continue;
            var terms = outages.Select(o => (Formula.Var(Var("outage", id, $"w{o.Wave}")), Millis(o.Seconds))).ToList();
            foreach (var (term, _) in terms) _problem.Fact(term);
            var total = outages.Sum(o => o.Seconds);
            var last = outages[^1].Wave;
            _problem.Check(Invariant.Budget.Code, Formula.AtMost([.. terms], Millis(target.MaxOutageSeconds)), () => new Violation(
                Invariant.Budget.Code, last, id.Name,
                $"{id} is interrupted {outages.Count} time(s) (waves {string.Join(", ", outages.Select(o => o.Wave))}), about {Seconds(total)} in all, over its {Seconds(target.MaxOutageSeconds)} budget for the upgrade",
                $"stages[{_stageIndex[_plan.Waves[last - 1].Stage]}]"));
        }
    }

    private static int Millis(double seconds) => (int)Math.Min(int.MaxValue / 4, Math.Ceiling(seconds * 1000));
}
