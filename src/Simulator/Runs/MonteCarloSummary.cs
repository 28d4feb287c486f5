using Escalator.Model.Topology;

namespace Escalator.Simulator.Runs;

/// <summary>One VNF's outage across the runs, against its budget.</summary>
/// <param name="Budget">The VNF's outage budget for the upgrade, or null when it has none.</param>
/// <param name="OverBudget">Share of runs whose total outage exceeded the budget.</param>
public sealed record VnfSummary(Vnf Vnf, double? Budget, Summary Outage, Summary Interruptions, Summary Longest, double OverBudget)
{
    /// <summary>Whether the VNF is over its budget at the p95 of the runs (more than 5 % of them over it).</summary>
    public bool OverBudgetAtP95 => Budget is not null && OverBudget > 0.05;
}

/// <summary>Runs that broke one invariant on one subject in one wave.</summary>
/// <param name="Runs">How many runs broke it.</param>
/// <param name="Example">The breach as the first of those runs saw it.</param>
public sealed record BreachSummary(BreachKind Kind, string Subject, int Wave, int Runs, Breach Example);

/// <summary>The field budgets of DESIGN.md a campaign is held to.</summary>
/// <param name="FiveNinesPerUpgradeSeconds">Five nines a year (315.6 s) shared among the year's upgrades.</param>
public sealed record Budgets(double UpgradeSeconds, double InterruptionSeconds, double FiveNinesPerUpgradeSeconds, double UpgradesPerYear)
{
    /// <summary>Five nines: 0.001 % of a year (365.25 days).</summary>
    public const double FiveNinesSecondsPerYear = 315.576;
}

/// <summary>Every measure of a Monte Carlo run summarised: what the text output, report.json and compare show.</summary>
public sealed record MonteCarloSummary(
    int Runs,
    int Seed,
    Summary Duration,
    double RollbackProbability,
    double AbortProbability,
    Summary RollbackSeconds,
    Summary ControlPlaneOutage,
    Summary PeakHostsOut,
    Summary ExtraHostHours,
    Summary Migrations,
    Summary MigratedGiB,
    Summary AbortedMigrations,
    Summary Redirects,
    IReadOnlyList<VnfSummary> Vnfs,
    IReadOnlyList<BreachSummary> Breaches,
    Budgets Budgets)
{
    /// <summary>The seeds' sub-second interruption of a VNF by an NFVI upgrade, and the whole upgrade under 2 h.</summary>
    public static MonteCarloSummary Of(MonteCarloResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.Runs;
        Summary Of(Func<RunResult, double> measure) => Summary.Of([.. runs.Select(measure)]);
        var rolledBack = runs.Where(r => r.Outcome == RunOutcome.RolledBack).ToList();
        var perYear = result.Simulator.Campaign.Simulation.UpgradesPerYear;
        return new MonteCarloSummary(
            runs.Count,
            result.Options.Seed,
            Of(r => r.DurationSeconds),
            (double)rolledBack.Count / runs.Count,
            (double)runs.Count(r => r.Outcome == RunOutcome.Aborted) / runs.Count,
            Summary.Of([.. rolledBack.Select(r => r.RollbackSeconds)]),
            Of(r => r.ControlPlaneOutageSeconds),
            Of(r => r.PeakHostsOut),
            Of(r => r.ExtraHostHours),
            Of(r => r.Migrations),
            Of(r => r.MigratedGiB),
            Of(r => r.AbortedMigrations),
            Of(r => r.Redirects),
            [.. result.Simulator.Vnfs.Select((v, i) => VnfOf(v, i, runs))],
            BreachesIn(runs),
            new Budgets(2 * 3600, 1, Budgets.FiveNinesSecondsPerYear / perYear, perYear));
    }

    private static VnfSummary VnfOf(Vnf vnf, int index, IReadOnlyList<RunResult> runs)
    {
        var outage = runs.Select(r => r.Vnfs[index].Seconds).ToArray();
        double? budget = vnf.Availability?.MaxOutageSeconds;
        var over = budget is { } b ? (double)runs.Count(r => r.Vnfs[index].Seconds > b + 1e-9 || r.Vnfs[index].Lost > 0) / runs.Count : 0;
        return new VnfSummary(vnf, budget, Summary.Of(outage), Summary.Of([.. runs.Select(r => (double)r.Vnfs[index].Interruptions)]),
            Summary.Of([.. runs.Select(r => r.Vnfs[index].LongestSeconds)]), over);
    }

    private static BreachSummary[] BreachesIn(IReadOnlyList<RunResult> runs) =>
        [.. runs.SelectMany(r => r.Breaches)
            .GroupBy(b => (b.Kind, b.Subject, b.Wave))
            .Select(g => new BreachSummary(g.Key.Kind, g.Key.Subject, g.Key.Wave, g.Count(), g.First()))
            .OrderBy(b => b.Wave).ThenBy(b => b.Kind).ThenBy(b => b.Subject, StringComparer.Ordinal)];
}
