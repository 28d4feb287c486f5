using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Synthesis;

/// <summary>The outcome of synthesis: the fastest safe plan found, whether it is proved optimal, and its verification.</summary>
/// <param name="Plan">The synthesised plan, or null when no safe plan exists (see <paramref name="NoPlanReasons"/>).</param>
/// <param name="ProvedOptimal">True when no plan with fewer waves exists (per stage), false when the timeout cut the search short.</param>
/// <param name="Verification">The synthesised plan verified by <see cref="Verification.PlanVerifier"/>.</param>
/// <param name="NoPlanReasons">Why no safe plan exists, in the planner's words, when <paramref name="Plan"/> is null.</param>
/// <param name="Stages">Per stage: its name, the waves found and the fewest waves any plan needs (the lower bound proved).</param>
public sealed record SynthesisResult(
    Plan? Plan,
    bool ProvedOptimal,
    VerificationResult? Verification,
    ImmutableArray<string> NoPlanReasons,
    ImmutableArray<StageSynthesis> Stages,
    TimeSpan Time);

/// <summary>What synthesis found for one stage.</summary>
/// <param name="Waves">The waves of the plan found.</param>
/// <param name="LowerBound">The fewest waves proved necessary.</param>
/// <param name="Synthesised">False for stages kept as expanded (parallel universe).</param>
public sealed record StageSynthesis(string Stage, int Waves, int LowerBound, bool Synthesised);
