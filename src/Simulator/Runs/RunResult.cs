namespace Escalator.Simulator.Runs;

/// <summary>How a simulated campaign ended.</summary>
public enum RunOutcome
{
    Completed,

    /// <summary>Stopped by an abort policy or a failure with no rollback: left as it was for an operator.</summary>
    Aborted,

    /// <summary>Stopped and undone (graceful rollback or restore from backup).</summary>
    RolledBack,
}

/// <summary>One VNF's outage in one run, by DESIGN.md's definition.</summary>
/// <param name="Interruptions">How many separate outages.</param>
/// <param name="LongestSeconds">The longest single outage.</param>
public readonly record struct VnfOutage(double Seconds, int Interruptions, double LongestSeconds)
{
    /// <summary>Instances lost for good (left on a retired host): the VNF is over any budget.</summary>
    public int Lost { get; init; }
}

/// <summary>The measures of one simulated run of a plan.</summary>
/// <param name="Vnfs">Per VNF, in topology order.</param>
/// <param name="InstanceDowntime">Seconds each instance was unavailable, in topology order (VNF by VNF).</param>
/// <param name="Redirects">Moves the plan left to Nova's scheduler (it found no destination for them) that found a host when they left.</param>
/// <param name="Faults">How many faults were drawn (failed steps, hosts not back, migrations that did not converge,
/// silent VNF managers): a breach in a run without any is the plan's own.</param>
/// <param name="Timeline">Only for a traced run.</param>
public sealed record RunResult(
    int Run,
    int Seed,
    RunOutcome Outcome,
    double DurationSeconds,
    double RollbackSeconds,
    double ControlPlaneOutageSeconds,
    int Migrations,
    double MigratedGiB,
    int AbortedMigrations,
    int Redirects,
    int PeakHostsOut,
    double ExtraHostHours,
    int FailedHosts,
    int Faults,
    IReadOnlyList<VnfOutage> Vnfs,
    IReadOnlyList<double> InstanceDowntime,
    IReadOnlyList<Breach> Breaches,
    Timeline? Timeline);
