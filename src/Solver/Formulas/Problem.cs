using Escalator.Solver.Invariants;

namespace Escalator.Solver.Formulas;

/// <summary>A verification condition: facts read off the plan, and checks, each the constraint of one invariant instance.</summary>
/// <remarks>The plan is safe exactly when the facts and all checks hold together. A check's <see cref="Check.Phase"/> orders
/// the search for violations: later phases are added only once earlier ones hold, so that a violation is reported under
/// the invariant that first fails (capacity before move-once).</remarks>
internal sealed class Problem
{
    private readonly List<Formula> _facts = [];
    private readonly List<Check> _checks = [];

    public IReadOnlyList<Formula> Facts => _facts;

    public IReadOnlyList<Check> Checks => _checks;

    public void Fact(Formula fact) => _facts.Add(fact);

    /// <summary>Adds a check; a constraint that is simply true is counted but not added.</summary>
    public void Check(string code, Formula constraint, Func<Violation> ifBroken, int phase = 0)
    {
        Counted[code] = Counted.GetValueOrDefault(code) + 1;
        if (constraint == Formula.True) return;
        _checks.Add(new Check($"{code}#{_checks.Count}", constraint, ifBroken, phase));
    }

    /// <summary>How many instances of each invariant were checked, by code.</summary>
    public Dictionary<string, int> Counted { get; } = new(StringComparer.Ordinal);
}

/// <summary>One invariant instance: its label (unique in the problem), its constraint and the violation it means if it fails.</summary>
internal sealed record Check(string Label, Formula Constraint, Func<Violation> IfBroken, int Phase);
