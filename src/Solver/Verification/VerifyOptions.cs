using Escalator.Model.Semantics;

namespace Escalator.Solver.Verification;

/// <summary>How to verify.</summary>
/// <param name="Timeout">The longest the solver may think; past it the verdict is Unknown.</param>
/// <param name="EmitSmt2">Whether to keep the verification condition as SMT-LIB 2 text.</param>
/// <param name="Confidence">The quantile at which every interruption is taken when budgets are judged (DESIGN.md: the
/// spread the simulator draws from, p95 by default): SAFE means the simulator finds a VNF over its budget in at most
/// 1 − confidence of fault-free runs.</param>
/// <param name="Resilience">The failures every wave must survive (<c>--tolerate K</c>); null: the campaign's
/// (<c>resilience:</c>, none by default).</param>
public sealed record VerifyOptions(TimeSpan Timeout, bool EmitSmt2 = false, double Confidence = DurationModel.DefaultConfidence,
    Model.Semantics.Resilience? Resilience = null)
{
    public static readonly VerifyOptions Default = new(TimeSpan.FromMinutes(1));
}
