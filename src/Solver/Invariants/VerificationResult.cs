using System.Collections.Immutable;

namespace Escalator.Solver.Invariants;

/// <summary>The outcome of verifying one plan: the verdict, the destinations the solver chose, and what was checked.</summary>
/// <param name="Checked">How many instances of each invariant were checked (by code), for reports that list every check.</param>
/// <param name="Variables">Boolean variables in the verification condition.</param>
/// <param name="Constraints">Constraints (facts and checks) in it.</param>
/// <param name="Smt2">The verification condition as SMT-LIB 2, when asked for: satisfiable exactly when the plan is safe.</param>
public sealed record VerificationResult(
    Verdict Verdict,
    ImmutableArray<Redirect> Redirects,
    ImmutableSortedDictionary<string, int> Checked,
    int Variables,
    int Constraints,
    TimeSpan SolveTime,
    string? Smt2)
{
    public bool IsSafe => Verdict is Verdict.Safe;

    /// <summary>The quantile at which interruptions were taken for budgets (0.95: each at its p95).</summary>
    public double Confidence { get; init; } = Model.Semantics.DurationModel.DefaultConfidence;

    /// <summary>The confidence as people read it: <c>p95</c>.</summary>
    public string ConfidenceWords => Model.Semantics.DurationModel.QuantileName(Confidence);

    public ImmutableArray<Violation> Violations => Verdict is Verdict.Unsafe u ? u.Violations : [];

    /// <summary>The failures every wave was proved to survive (none unless asked).</summary>
    public Model.Semantics.Resilience Tolerated { get; init; } = Model.Semantics.Resilience.None;

    /// <summary>Warnings about the data centre, not the plan: what cannot survive the failures asked even at rest (ESC-T0).</summary>
    public ImmutableArray<Violation> Warnings { get; init; } = [];

    /// <summary>When failures were asked for: per VNF and cluster, the planned time it runs without the margin it has at
    /// rest (its interruptions and members down, summed), longest first.</summary>
    public ImmutableArray<Exposure> Exposure { get; init; } = [];
}

/// <summary>How long the plan runs a VNF or a cluster without the margin it has at rest.</summary>
/// <param name="Kind"><c>vnf</c> or <c>cluster</c>.</param>
/// <param name="Seconds">Its planned interruptions (a VNF) or members down (a cluster), at the confidence, summed over the waves.</param>
/// <param name="Waves">In how many waves.</param>
public sealed record Exposure(string Subject, string Kind, double Seconds, int Waves);
