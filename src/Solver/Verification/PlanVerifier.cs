using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using Escalator.Solver.Resilience;

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
        var result = new VerificationResult(verdict, [.. replay.Redirects], problem.Counted.ToImmutableSortedDictionary(StringComparer.Ordinal),
            variables, problem.Facts.Count + problem.Checks.Count, time, smt2) { Confidence = options.Confidence };
        return replay.Resilience.Any ? Resilient(dc, replay, result, options) : result;
    }

    /// <summary>Adds the resilience proof (ESC-T1) to a verdict: its counterexamples make the plan unsafe, an undecided
    /// search makes a safe verdict unknown; its warnings (ESC-T0) and the exposure go along.</summary>
    private static VerificationResult Resilient(DataCentre dc, PlanReplay replay, VerificationResult result, VerifyOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var checker = new ResilienceChecker(dc, replay.Resilience, options.Timeout);
        checker.Check(replay.Exposures);
        var verdict = result.Verdict switch
        {
            _ when checker.Counterexamples.Count > 0 => new Verdict.Unsafe([.. result.Violations.Concat(checker.Violations).OrderBy(v => v.Wave)]),
            Verdict.Safe when checker.Undecided => new Verdict.Unknown("the resilience search did not finish within the timeout"),
            var v => v,
        };
        var counted = result.Checked.SetItem(Invariant.Resilience.Code, replay.Exposures.Count);
        return result with
        {
            Verdict = verdict,
            Checked = counted,
            SolveTime = result.SolveTime + clock.Elapsed,
            Tolerated = replay.Resilience,
            Warnings = [.. checker.Warnings],
            Exposure = [.. ExposureOf(dc, replay.Exposures)],
        };
    }

    private static IEnumerable<Exposure> ExposureOf(DataCentre dc, IReadOnlyList<WaveExposure> waves)
    {
        var vnfs = waves.SelectMany(w => w.Planned.GroupBy(p => p.Vnf.Id.Name).Select(g => (g.Key, w.Wave, Seconds: g.Sum(p => p.Seconds))));
        var clusters = waves.SelectMany(w => w.MembersDown.GroupBy(m => m.Outage.Service).Select(g => (g.Key, w.Wave, Seconds: g.Sum(m => m.Seconds))));
        return vnfs.GroupBy(e => e.Key).Select(g => new Exposure(g.Key, "vnf", g.Sum(e => e.Seconds), g.Select(e => e.Wave).Distinct().Count()))
            .Concat(clusters.GroupBy(e => e.Key).Select(g => new Exposure(g.Key, "cluster", g.Sum(e => e.Seconds), g.Select(e => e.Wave).Distinct().Count())))
            .Where(e => e.Seconds > 0).OrderByDescending(e => e.Seconds).ThenBy(e => e.Subject, StringComparer.Ordinal);
    }
}
