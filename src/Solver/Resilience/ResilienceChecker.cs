using System.Globalization;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using Escalator.Solver.Native;
using Failures = Escalator.Model.Semantics.Resilience;

namespace Escalator.Solver.Resilience;

/// <summary>Proves that every wave survives the failures asked (ESC-T1), or finds a counterexample in the planner's words.</summary>
/// <remarks>
/// In each wave the failures are free Boolean variables — a host outside the wave fails (<c>fail.H</c>), a move falls back
/// (<c>fb.I</c>), an upgrade of the wave before rolls back and keeps its host out (<c>rb.H</c>) — bounded by the counts asked.
/// Each VNF and cluster is a subject whose breach is a pseudo-Boolean condition over them; Z3 looks for an assignment
/// that breaks some subject: unsatisfiable is the proof, a model the counterexample. A found subject is excluded and the
/// search repeated, so every subject that can break is named once per wave. A subject whose breach is out of reach even
/// counting every failure against it (a bound proved without Z3) is not given to Z3.
/// The promise is about the margin the campaign takes away: a VNF or cluster that cannot survive the host failures even
/// at rest is a warning about the data centre (ESC-T0), and host failures are not held against it.
/// </remarks>
internal sealed class ResilienceChecker(DataCentre dc, Failures k, TimeSpan timeout)
{
    /// <summary>The most counterexamples reported; the search stops there.</summary>
    public const int MaxViolations = 200;

    private readonly HashSet<string> _fragile = new(StringComparer.Ordinal);

    public List<Violation> Warnings { get; } = [];

    public List<Counterexample> Counterexamples { get; } = [];

    public IEnumerable<Violation> Violations => Counterexamples.Select(c => c.Violation);

    /// <summary>Whether the solver gave up on some wave (timeout): then the proof is incomplete.</summary>
    public bool Undecided { get; private set; }

    public void Check(IReadOnlyList<WaveExposure> waves)
    {
        AtRest();
        for (var i = 0; i < waves.Count && Counterexamples.Count < MaxViolations; i++)
        {
            CheckWave(waves[i], i > 0 ? waves[i - 1] : null);
        }
    }

    /// <summary>ESC-T0: the VNFs and clusters that the host failures break even with nothing upgraded.</summary>
    private void AtRest()
    {
        if (k.HostFailures == 0) return;
        foreach (var vnf in dc.Vnfs)
        {
            var worst = Failures.WorstHostFailures(vnf.Instances.Select(i => i.Host), k.HostFailures);
            if (worst <= vnf.Tolerated) continue;
            _fragile.Add(vnf.Id.Name);
            Warnings.Add(new Violation(Invariant.ResilienceAtRest.Code, 0, vnf.Id.Name,
                $"{vnf.Id} cannot survive {Failing(k.HostFailures)} even at rest: {Worst(vnf.Instances.Select(i => i.Host))} hold(s) {worst} of its "
                + $"{vnf.Instances.Length} instance(s); {Words.ModelWords(vnf)} tolerates {vnf.Tolerated}", "resilience"));
        }
        foreach (var cluster in dc.Clusters)
        {
            var worst = Failures.WorstHostFailures(cluster.Members, k.HostFailures);
            if (worst <= cluster.Tolerated) continue;
            _fragile.Add(Subject.ClusterKey(cluster));
            Warnings.Add(new Violation(Invariant.ResilienceAtRest.Code, 0, cluster.Service,
                $"{cluster.Service} cannot survive {Failing(k.HostFailures)} even at rest: it has {cluster.Members.Length} member(s); "
                + $"{Words.QuorumWords(cluster)} needs {cluster.Needed}", "resilience"));
        }

        string Worst(IEnumerable<HostId> hosts) =>
            string.Join(", ", hosts.GroupBy(h => h).OrderByDescending(g => g.Count()).Take(k.HostFailures).Select(g => g.Key.Name));
    }

    private void CheckWave(WaveExposure wave, WaveExposure? before)
    {
        var rolledBack = before is null || k.Rollbacks == 0 ? [] : RollbackEffect.Of(before, wave);
        var subjects = Subject.All(dc, wave, rolledBack, k, _fragile).Where(s => s.Reachable(k)).ToList();
        if (subjects.Count == 0) return;
        var constraints = new List<Formula>
        {
            Formula.AtMost(subjects.SelectMany(s => s.Causes).Where(c => c.Kind == CauseKind.HostFails).Select(c => c.Var).Distinct(), k.HostFailures),
            Formula.AtMost(subjects.SelectMany(s => s.Causes).Where(c => c.Kind == CauseKind.FallsBack).Select(c => c.Var).Distinct(), k.MigrationFallbacks),
            Formula.AtMost(subjects.SelectMany(s => s.Causes).Where(c => c.Kind == CauseKind.RollsBack).Select(c => c.Var).Distinct(), k.Rollbacks),
        };
        foreach (var s in subjects) constraints.AddRange(s.Constraints());
        constraints.Add(Formula.Or(subjects.Select(s => Formula.Var(s.Broken))));
        // One solver for the wave: each subject found is ruled out and the search goes on from what Z3 has learnt.
        using var z3 = new Z3Context();
        using var solver = z3.Solver();
        solver.SetTimeout(timeout);
        var translate = new Z3Translator(z3);
        foreach (var c in constraints) solver.Assert(translate.Translate(c));
        var causes = subjects.SelectMany(s => s.Causes).DistinctBy(c => c.Name).ToList();
        var open = subjects.ToList();
        while (open.Count > 0 && Counterexamples.Count < MaxViolations)
        {
            var result = solver.Check();
            if (result != SolveResult.Sat)
            {
                Undecided |= result == SolveResult.Unknown;
                return;
            }
            HashSet<string> model;
            Subject broken;
            using (var m = solver.Model())
            {
                model = causes.Where(c => m.Value(translate.Variable(c.Name))).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
                broken = open.First(s => m.Value(translate.Variable(s.Broken)));
            }
            Counterexamples.Add(broken.Counterexample(wave, model));
            open.Remove(broken);
            solver.Assert(translate.Translate(Formula.Not(Formula.Var(broken.Broken))));
        }
    }

    private static string Failing(int n) => n == 1 ? "1 host failure" : $"{n.ToString(CultureInfo.InvariantCulture)} host failures";
}
