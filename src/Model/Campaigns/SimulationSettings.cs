namespace Escalator.Model.Campaigns;

/// <summary>How the simulator draws a step's duration around its expected value.</summary>
public enum DurationDistribution
{
    /// <summary>Log-normal with the expected value as its mean: skewed to the right, as task durations are.</summary>
    LogNormal,

    /// <summary>Gamma with the expected value as its mean.</summary>
    Gamma,

    /// <summary>Normal with the expected value as its mean, cut at zero.</summary>
    Normal,

    /// <summary>Always the expected value.</summary>
    Fixed,
}

/// <summary>What a live migration does when pre-copy cannot converge (Nova's <c>live_migration_permit_*</c> options).</summary>
public enum NonConvergence
{
    /// <summary>Nova's default: abort at the completion timeout; the campaign's fallback then applies.</summary>
    Abort,

    /// <summary>QEMU throttles the guest's CPUs (20 % at first, 10 % more each round) until it converges.</summary>
    AutoConverge,

    /// <summary>Switch to post-copy: the guest runs on the destination and pulls the pages it still lacks.</summary>
    PostCopy,
}

/// <summary>The inputs the simulator needs beyond the campaign's expected durations: spreads, the migration network,
/// Nova's live-migration settings, fault rates and the budgets' horizon.</summary>
/// <param name="Durations">How step durations spread around their expected value.</param>
/// <param name="MigrationGiBps">Throughput of one migration, GiB/s (10 GbE ≈ 1.1).</param>
/// <param name="LiveMigration">Nova's live-migration settings.</param>
/// <param name="ColdBootSeconds">Stop and start of a cold-migrated VM, on top of copying its disk.</param>
/// <param name="Faults">Fault probabilities.</param>
/// <param name="UpgradesPerYear">Upgrades a year, to share the five-nines budget (315.6 s a year) among them.</param>
/// <param name="StateGiB">Parallel universe: the state transferred per old host; null: the transfer takes its expected time.</param>
/// <param name="TransferGiBps">Parallel universe: throughput of the state transfer, GiB/s.</param>
public sealed record SimulationSettings(
    DurationSpread Durations,
    double MigrationGiBps,
    LiveMigrationSettings LiveMigration,
    double ColdBootSeconds,
    FaultRates Faults,
    double UpgradesPerYear,
    double? StateGiB,
    double TransferGiBps)
{
    public static readonly SimulationSettings Default = new(
        DurationSpread.Default, 1.1, LiveMigrationSettings.Default, 30, FaultRates.None, 4, null, 0.5);
}

/// <summary>A duration distribution and its coefficient of variation (standard deviation over mean).</summary>
public sealed record DurationSpread(DurationDistribution Distribution, double Cv)
{
    public static readonly DurationSpread Default = new(DurationDistribution.LogNormal, 0.25);
}

/// <summary>Nova's live-migration settings, with Nova's and QEMU's defaults.</summary>
/// <param name="MaxDowntimeSeconds">Nova's <c>live_migration_downtime</c> (500 ms), reached in <paramref name="DowntimeSteps"/> steps.</param>
/// <param name="DowntimeSteps">Nova's <c>live_migration_downtime_steps</c> (10).</param>
/// <param name="DowntimeDelaySecondsPerGiB">Nova's <c>live_migration_downtime_delay</c>: seconds per GiB between steps (75).</param>
/// <param name="CompletionTimeoutSecondsPerGiB">Nova's <c>live_migration_completion_timeout</c>: seconds per GiB before the action below (800).</param>
/// <param name="OnNonConvergence">What happens at the completion timeout.</param>
/// <param name="MaxConcurrentPerHost">Nova's <c>max_concurrent_live_migrations</c> (1): outgoing migrations a host runs at once.</param>
/// <param name="ResumeSeconds">Time to resume the guest on the destination after stop-and-copy (≈ 20 ms).</param>
public sealed record LiveMigrationSettings(
    double MaxDowntimeSeconds,
    int DowntimeSteps,
    double DowntimeDelaySecondsPerGiB,
    double CompletionTimeoutSecondsPerGiB,
    NonConvergence OnNonConvergence,
    int MaxConcurrentPerHost,
    double ResumeSeconds)
{
    public static readonly LiveMigrationSettings Default = new(0.5, 10, 75, 800, NonConvergence.Abort, 1, 0.02);

    /// <summary>What Nova spends on each live migration besides copying memory (its pre-live-migration work on both
    /// hosts): about 1 s on the test cloud, up to 3 s seen (DESIGN.md).</summary>
    public double OverheadSeconds { get; init; } = 1;

    /// <summary>The longest pause Nova allows a converging live migration: its downtime limit plus the guest's resume.</summary>
    public double LongestPauseSeconds => MaxDowntimeSeconds + ResumeSeconds;
}

/// <summary>Probabilities of faults, each per occasion.</summary>
/// <param name="StepFails">A step (other than a migration or a notification) fails.</param>
/// <param name="HostNotBack">A host does not come back from its upgrade.</param>
/// <param name="MigrationNoConvergence">A live migration does not converge (its guest dirties memory faster than the link sends it).</param>
/// <param name="VnfmSilent">A VNF manager does not answer a notification.</param>
/// <param name="HostFails">A host in service outside a wave fails while the wave runs (each host, each wave): its VMs and
/// cluster members are down until the wave is done — the host failure of <c>verify --tolerate</c> (the Semantics README,
/// "Failures").</param>
public sealed record FaultRates(double StepFails, double HostNotBack, double MigrationNoConvergence, double VnfmSilent, double HostFails = 0)
{
    public static readonly FaultRates None = new(0, 0, 0, 0);
}
