using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Synthesis;

/// <summary>The outcome of synthesis: the fastest safe plan found, whether it is proved optimal, and its verification.</summary>
/// <param name="Plan">The synthesised plan, or null when no safe plan exists (see <paramref name="NoPlanReasons"/>).</param>
/// <param name="ProvedOptimal">True when the plan is SAFE and no safe plan takes less expected time: it takes no more than
/// <paramref name="LowerBoundSeconds"/>.</param>
/// <param name="Verification">The synthesised plan verified by <see cref="Verification.PlanVerifier"/>.</param>
/// <param name="NoPlanReasons">Why no safe plan exists, in the planner's words, when <paramref name="Plan"/> is null.</param>
/// <param name="Stages">Per stage: its waves, its expected time and the least any safe plan needs.</param>
/// <param name="LowerBoundSeconds">The least expected time any safe plan of the campaign takes: each synthesised stage's
/// proved bound, and the other stages as planned.</param>
public sealed record SynthesisResult(
    Plan? Plan,
    bool ProvedOptimal,
    VerificationResult? Verification,
    ImmutableArray<string> NoPlanReasons,
    ImmutableArray<StageSynthesis> Stages,
    double LowerBoundSeconds,
    TimeSpan Time);

/// <summary>What synthesis found for one stage.</summary>
/// <param name="Waves">The waves of the plan found.</param>
/// <param name="LowerBound">The fewest waves proved necessary.</param>
/// <param name="Synthesised">False for stages kept as expanded (parallel universe).</param>
/// <param name="Seconds">The stage's expected time in the plan found (its waves, each as long as its longest visit, and soaks).</param>
/// <param name="LowerBoundSeconds">The least expected time any safe plan gives the stage.</param>
/// <param name="Proof">How the stage's waves were proved the fastest (<see cref="Synthesis.Proof.None"/>: not proved).</param>
public sealed record StageSynthesis(string Stage, int Waves, int LowerBound, bool Synthesised, double Seconds, double LowerBoundSeconds, Proof Proof);
