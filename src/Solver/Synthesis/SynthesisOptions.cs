namespace Escalator.Solver.Synthesis;

/// <summary>How to synthesise.</summary>
/// <param name="Timeout">The longest the search may take in all; past it the best plan found so far is returned.</param>
/// <param name="SolverHosts">The largest stage (in hosts) whose greedy plan Z3 is asked to improve on, or to prove
/// optimal, when the counting bound does not; larger stages keep the greedy plan and the counting bound, since Z3 does not
/// settle them within minutes.</param>
/// <param name="Resilience">The failures every wave of the plan must survive (<c>--tolerate K</c>); null: the campaign's
/// <c>resilience:</c>.</param>
public sealed record SynthesisOptions(TimeSpan Timeout, int SolverHosts = SynthesisOptions.DefaultSolverHosts, Model.Semantics.Resilience? Resilience = null)
{
    public const int DefaultSolverHosts = 200;

    public static readonly SynthesisOptions Default = new(TimeSpan.FromMinutes(1));
}
