using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Verification;

/// <summary>Proves that a plan keeps every invariant (<see cref="Invariant.All"/>) or names every violation.</summary>
/// <remarks>
/// The plan is replayed wave by wave to read off facts: which hosts are out, which instances are unavailable and for
/// how long, which cluster members are down, which versions run where. Each invariant instance becomes a check over
/// those facts; Z3 decides them all together and its unsat cores name the failing ones (<see cref="ProblemSolver"/>).
/// Where the plan has no valid destination for a VM that must leave its host, the solver chooses one (a
/// <see cref="Redirect"/>); destinations are chosen wave by wave, each wave judged with the placement earlier waves left.
/// </remarks>
public static class PlanVerifier
{
    public static VerificationResult Verify(DataCentre dc, Campaign campaign, Plan plan, VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(plan);
        options ??= VerifyOptions.Default;
        var replay = new PlanReplay(dc, campaign, plan, options);
        var problem = replay.Run();
        var (verdict, time, variables) = ProblemSolver.Solve(problem, options.Timeout);
        var smt2 = options.EmitSmt2 ? Smt2Writer.Write(problem, $"Escalator verification condition: campaign {campaign.Name} on {dc.Name}") : null;
        return new VerificationResult(verdict, [.. replay.Redirects], problem.Counted.ToImmutableSortedDictionary(StringComparer.Ordinal),
            variables, problem.Facts.Count + problem.Checks.Count, time, smt2) { Confidence = options.Confidence };
    }
}
