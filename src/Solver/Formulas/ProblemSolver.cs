using System.Diagnostics;
using Escalator.Solver.Invariants;
using Escalator.Solver.Native;

namespace Escalator.Solver.Formulas;

/// <summary>Decides a <see cref="Problem"/> with Z3 and names every check that fails.</summary>
/// <remarks>Facts are asserted; each check is asserted behind a fresh guard and the guards are passed as assumptions.
/// While the result is unsat, the unsat core names failing checks: they are reported and their guards dropped, until
/// the rest is satisfiable. Phases are added one after another (see <see cref="Problem"/>).</remarks>
internal static class ProblemSolver
{
    /// <summary>The most violations listed; a plan that breaks more is reported with the first ones.</summary>
    public const int MaxViolations = 500;

    public static (Verdict Verdict, TimeSpan Time, int Variables) Solve(Problem problem, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var z3 = new Z3Context();
        using var solver = z3.Solver();
        solver.SetTimeout(timeout);
        var translate = new Z3Translator(z3);
        foreach (var fact in problem.Facts) solver.Assert(translate.Translate(fact));
        var guards = new Dictionary<BoolExpr, Check>();
        var violations = new List<Violation>();
        foreach (var phase in problem.Checks.Select(c => c.Phase).Distinct().Order())
        {
            foreach (var check in problem.Checks.Where(c => c.Phase == phase))
            {
                var guard = z3.Bool("guard:" + check.Label);
                solver.Assert(z3.Implies(guard, translate.Translate(check.Constraint)));
                guards[guard] = check;
            }
            while (true)
            {
                var result = solver.Check([.. guards.Keys]);
                if (result == SolveResult.Sat) break;
                if (result == SolveResult.Unknown) return (new Verdict.Unknown(solver.ReasonUnknown()), clock.Elapsed, translate.Variables);
                var core = solver.UnsatCore().Where(guards.ContainsKey).ToList();
                // A core of earlier phases only cannot happen (they were satisfiable); prefer this phase's checks.
                var failing = core.Where(g => guards[g].Phase == phase).ToList();
                if (failing.Count == 0) failing = core;
                if (failing.Count == 0) return (new Verdict.Unknown("the facts of the plan contradict each other"), clock.Elapsed, translate.Variables);
                foreach (var g in failing)
                {
                    violations.Add(guards[g].IfBroken());
                    guards.Remove(g);
                }
                if (violations.Count >= MaxViolations) break;
            }
        }
        var verdict = violations.Count == 0
            ? (Verdict)new Verdict.Safe()
            : new Verdict.Unsafe([.. violations.OrderBy(v => v.Wave).ThenBy(v => Invariant.All.IndexOf(Invariant.ByCode(v.Code))).ThenBy(v => v.Subject, StringComparer.Ordinal)]);
        return (verdict, clock.Elapsed, translate.Variables);
    }

    /// <summary>A model of <paramref name="constraints"/>: which of <paramref name="names"/> it makes true, or null when
    /// there is none (or none found within the timeout).</summary>
    public static HashSet<string>? Model(IEnumerable<Formula> constraints, IEnumerable<string> names, TimeSpan timeout) =>
        Model(constraints, names, timeout, out _);

    /// <param name="decided">False when the solver gave up (timeout) rather than proving there is no model.</param>
    public static HashSet<string>? Model(IEnumerable<Formula> constraints, IEnumerable<string> names, TimeSpan timeout, out bool decided)
    {
        using var z3 = new Z3Context();
        using var solver = z3.Solver();
        solver.SetTimeout(timeout);
        var translate = new Z3Translator(z3);
        foreach (var c in constraints) solver.Assert(translate.Translate(c));
        var result = solver.Check();
        decided = result != SolveResult.Unknown;
        if (result != SolveResult.Sat) return null;
        using var model = solver.Model();
        return names.Where(n => model.Value(translate.Variable(n))).ToHashSet(StringComparer.Ordinal);
    }
}
