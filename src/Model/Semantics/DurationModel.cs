using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>The one duration model, used by <c>plan</c>, the solver's budgets, the simulator and the executor's
/// expectations: what a step or a move is expected to take, how long an instance is interrupted, how durations spread
/// and what they reach at a given confidence.</summary>
/// <remarks>A step lasts its <c>expected:</c> time, drawn around it by the campaign's <see cref="Spread"/>, except a live
/// migration of a VM that declares its used memory (the pre-copy model of DESIGN.md at its declared dirty rate, plus Nova's
/// per-migration overhead) and a cold move made as a fallback (stop and start plus the disk over the migration link).
/// A live migration's pause is Nova's: the pre-copy model's stop-and-copy when the VM declares its memory, else the longest
/// pause Nova allows (its downtime limit and the resume); it does not spread.</remarks>
public sealed class DurationModel
{
    /// <summary>The confidence at which budgets are proved unless asked otherwise: each interruption at its p95.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>A confidence as people read it: 0.95 is <c>p95</c>, 0.999 is <c>p99.9</c>.</summary>
    public static string QuantileName(double confidence) =>
        $"p{Math.Round(confidence * 100, 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public DurationModel(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Spread = new Spread(settings.Durations);
        _fixed = new Spread(settings.Durations with { Cv = 0 });
    }

    private readonly Spread _fixed;

    public SimulationSettings Settings { get; }

    public Spread Spread { get; }

    /// <summary>The campaign's spread, or with <paramref name="expected"/> none: every duration at its expected value (the
    /// run that <c>simulate --expected</c> makes and the agreement property compares).</summary>
    public Spread SpreadFor(bool expected) => expected ? _fixed : Spread;

    /// <summary>What moving an instance of <paramref name="vnf"/> by <paramref name="mode"/> takes.</summary>
    /// <param name="plannedSeconds">The evacuate step's expected time per VM.</param>
    /// <param name="first">Whether this is the move's first mode (a fallback has no estimate of its own).</param>
    public MoveTiming Move(Vnf vnf, Flavor flavor, MigrationMode mode, double plannedSeconds, bool first)
    {
        ArgumentNullException.ThrowIfNull(vnf);
        ArgumentNullException.ThrowIfNull(flavor);
        if (mode == MigrationMode.Live)
        {
            return vnf.Migration.UsedMemoryGiB is { } memory
                ? Live(PreCopy.Migrate(Math.Max(0.01, memory), Settings.MigrationGiBps, vnf.Migration.DirtyRateMiBps / 1024, Settings.LiveMigration))
                : new MoveTiming(plannedSeconds, Settings.LiveMigration.LongestPauseSeconds, flavor.RamGiB, true) { Live = true };
        }
        var seconds = first ? plannedSeconds : Settings.ColdBootSeconds + flavor.DiskGiB / Settings.MigrationGiBps;
        return new MoveTiming(seconds, seconds, flavor.DiskGiB, true);
    }

    /// <summary>An evacuation of one VM along its move chain: its expected time (each mode that Nova aborts counted until
    /// its abort, at most the step's timeout), and the mode and timing by which it completes (the chain's last otherwise).</summary>
    /// <param name="chain">The modes tried, in order (<see cref="MoveRule.Chain"/>); not empty.</param>
    public Evacuation Evacuate(Vnf vnf, Flavor flavor, IReadOnlyList<MigrationMode> chain, double plannedSeconds, double timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        var spent = 0.0;
        for (var k = 0; ; k++)
        {
            var move = Move(vnf, flavor, chain[k], plannedSeconds, first: k == 0);
            var seconds = Math.Min(move.Seconds, timeoutSeconds);
            if (move.Completes || k == chain.Count - 1) return new Evacuation(spent + seconds, chain[k], move, k > 0);
            spent += seconds;
        }
    }

    /// <summary>A parallel universe's state transfer from <paramref name="oldHosts"/> hosts: the state over the transfer link
    /// when the campaign gives its size (<c>stateGiB</c> per host), else the step's <c>expected:</c>.</summary>
    public double Transfer(int oldHosts, double expectedSeconds) =>
        Settings.StateGiB is { } perHost ? perHost * oldHosts / Settings.TransferGiBps : expectedSeconds;

    /// <summary>A live migration whose guest dirties memory faster than the link sends it (a fault): what Nova's
    /// <c>onNonConvergence</c> makes of it (aborted at its completion timeout unless auto-converge or post-copy save it).</summary>
    public MoveTiming NonConverging(Vnf vnf, Flavor flavor)
    {
        ArgumentNullException.ThrowIfNull(vnf);
        ArgumentNullException.ThrowIfNull(flavor);
        var memory = Math.Max(0.01, vnf.Migration.UsedMemoryGiB ?? flavor.RamGiB);
        return Live(PreCopy.Migrate(memory, Settings.MigrationGiBps, 1.2 * Settings.MigrationGiBps, Settings.LiveMigration));
    }

    /// <summary>What a migration cut off after <paramref name="elapsed"/> seconds has copied: only what went over the link
    /// until then, never more than the whole migration sends.</summary>
    public double SentBy(MoveTiming move, double elapsed) =>
        Math.Min(move.SentGiB, Settings.MigrationGiBps * Math.Max(0, elapsed - (move.Live ? Settings.LiveMigration.OverheadSeconds : 0)));

    /// <summary>How long an interruption lasts at confidence <paramref name="p"/>: a live migration's pause as it is, every
    /// other interruption at that quantile of its spread.</summary>
    public double AtConfidence(UnavailableReason reason, double expected, double p) =>
        reason == UnavailableReason.LiveMigration ? expected : Spread.Quantile(expected, p);

    private MoveTiming Live(MigrationOutcome o) =>
        new(o.Seconds + Settings.LiveMigration.OverheadSeconds, o.DowntimeSeconds, o.SentGiB, o.Moved) { Live = true };
}

/// <summary>How one VM's evacuation is expected to go.</summary>
/// <param name="Seconds">From the first attempt to the VM on its destination.</param>
/// <param name="Mode">The mode it completes by.</param>
/// <param name="Move">That mode's timing (its pause is the VM's interruption).</param>
/// <param name="FellBack">Whether the first mode is expected to be aborted (a live migration that does not converge).</param>
public readonly record struct Evacuation(double Seconds, MigrationMode Mode, MoveTiming Move, bool FellBack);

/// <summary>What one move takes.</summary>
/// <param name="Seconds">From its start to the VM running on the destination (or to Nova's abort).</param>
/// <param name="PauseSeconds">How long the VM is unavailable: the whole cold move, a live migration's pause.</param>
/// <param name="SentGiB">What goes over the link.</param>
/// <param name="Completes">False when Nova aborts it (a live migration that does not converge).</param>
public readonly record struct MoveTiming(double Seconds, double PauseSeconds, double SentGiB, bool Completes)
{
    public bool Live { get; init; }
}
