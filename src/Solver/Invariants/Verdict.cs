using System.Collections.Immutable;

namespace Escalator.Solver.Invariants;

/// <summary>What the solver concluded about a plan.</summary>
public abstract record Verdict
{
    /// <summary>Every invariant holds in every wave.</summary>
    public sealed record Safe : Verdict;

    /// <summary>At least one invariant breaks; every violation found is listed, in wave order.</summary>
    public sealed record Unsafe(ImmutableArray<Violation> Violations) : Verdict;

    /// <summary>The solver could not decide (timeout, resource limit); the reason is Z3's, in words.</summary>
    public sealed record Unknown(string Reason) : Verdict;
}
