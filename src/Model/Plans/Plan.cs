using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.Model.Plans;

/// <summary>A campaign expanded against one topology: numbered waves of concrete steps, run one wave after another.</summary>
/// <remarks>Steps of a wave that share a target run in order; steps on different targets run at the same time.</remarks>
public sealed record Plan(
    string Campaign,
    string Topology,
    ImmutableArray<PlanStage> Stages,
    ImmutableArray<Wave> Waves,
    ImmutableArray<PlanNote> Notes)
{
    /// <summary>Expected duration: every wave's expected duration and soak, one after another.</summary>
    public double ExpectedSeconds => Waves.Sum(w => w.ExpectedSeconds + w.SoakSeconds);
}

/// <summary>A stage as planned: the hosts it upgrades, those already at target, and the waves it spans.</summary>
public sealed record PlanStage(
    string Name,
    string Strategy,
    ImmutableArray<string> Components,
    ImmutableArray<HostId> Hosts,
    ImmutableArray<HostId> UpToDate,
    int FirstWave,
    int LastWave);

/// <summary>What a wave does.</summary>
public enum WaveKind
{
    Rolling,
    Canary,
    Build,
    Transfer,
    Cutover,
    Move,
}

/// <summary>A set of steps that run at the same time; the hosts it takes out of service.</summary>
/// <param name="Number">1-based, in plan order.</param>
/// <param name="SoakSeconds">How long to watch after the wave before the next one (canary).</param>
/// <param name="GateChecks">Checks that must pass after the soak before the next wave starts.</param>
public sealed record Wave(
    int Number,
    string Stage,
    WaveKind Kind,
    ImmutableArray<HostId> Hosts,
    ImmutableArray<PlanStep> Steps,
    double SoakSeconds,
    ImmutableArray<string> GateChecks)
{
    /// <summary>The longest chain of steps on one target.</summary>
    public double ExpectedSeconds => Steps.IsEmpty ? 0 : TargetSeconds().Max(t => t.Seconds);

    /// <summary>What each target's chain of steps is expected to take: its steps one after another.</summary>
    public IEnumerable<(string Target, double Seconds)> TargetSeconds() =>
        Steps.GroupBy(s => s.Target).Select(g => (g.Key, g.Sum(s => s.ExpectedDuration)));

    /// <summary>How many hosts the wave may take out of service, overall and per fault domain; null for a wave that takes
    /// none out (a parallel universe's build, transfer and cut-over).</summary>
    public WaveLimits? Limits { get; init; }

    /// <summary>The only hosts the wave's VMs may go to (a parallel universe's new hosts); empty for any.</summary>
    public ImmutableArray<HostId> MovesOnto { get; init; } = [];
}

/// <summary>A wave's limits on hosts out of service, resolved to counts.</summary>
public sealed record WaveLimits(int Max, int? PerRack, int? PerZone, int? PerSite);

/// <summary>One concrete action on one target.</summary>
/// <param name="Target">A host's name, or the stage's name for steps that are not on a host (state transfer, cut-over).</param>
/// <param name="Detail">What the step does, in words.</param>
/// <param name="Unavailable">The instances the step makes unavailable, and why.</param>
/// <param name="Services">The control-plane cluster members the step takes down.</param>
/// <param name="Moves">The VMs the step moves and where they are expected to land.</param>
public sealed record PlanStep(
    string Target,
    StepAction Action,
    string Detail,
    double ExpectedSeconds,
    double TimeoutSeconds,
    ExpiryPolicy OnTimeout,
    ImmutableArray<Unavailability> Unavailable,
    ImmutableArray<ServiceOutage> Services,
    ImmutableArray<Move> Moves)
{
    /// <summary>For notify: the Fenix message sent.</summary>
    public FenixEvent? Event { get; init; }

    /// <summary>For notify: whether the step waits for the VNF managers' replies (bounded by its timeout).</summary>
    public bool WaitReply { get; init; }

    /// <summary>For notify: the instances of coordinated VNFs on the host when its visit began (their VNF managers are told,
    /// also after the instances have moved away).</summary>
    public ImmutableArray<InstanceId> Notified { get; init; } = [];

    /// <summary>For notify: the notice its VNF managers are owed before maintenance goes on (their longest lead time): the
    /// step ends no sooner, whenever the replies come. A deliberate wait, not bounded by the timeout (which bounds the replies).</summary>
    public double LeadSeconds { get; init; }

    /// <summary>What the step is expected to take: its expected time, or its lead time when that is longer.</summary>
    public double ExpectedDuration => Math.Max(ExpectedSeconds, LeadSeconds);

    /// <summary>For verify: the campaign's health checks run.</summary>
    public ImmutableArray<string> Checks { get; init; } = [];

    /// <summary>For upgrade and build: the components the step brings to target on its host, with the versions before and after.</summary>
    public ImmutableArray<VersionChange> Versions { get; init; } = [];
}

/// <summary>A component brought from one version to another on a host; <paramref name="From"/> is null where it was not installed.</summary>
public sealed record VersionChange(string Component, SemVersion? From, SemVersion To);

/// <summary>Why an instance is unavailable during a step.</summary>
public enum UnavailableReason
{
    /// <summary>Its host is out (upgraded, rebooted) with the instance still on it.</summary>
    HostDown,

    /// <summary>The stop-and-copy pause at the end of a live migration (milliseconds).</summary>
    LiveMigration,

    /// <summary>Stopped, copied and started elsewhere.</summary>
    ColdMigration,

    /// <summary>The active instance hands over to its standby.</summary>
    Switchover,
}

/// <summary>An instance a step makes unavailable, why, and for how long it is expected to be (seconds; infinite when it is
/// lost for good, on a host that is retired).</summary>
public sealed record Unavailability(InstanceId Instance, VnfId Vnf, UnavailableReason Reason, double Seconds);

/// <summary>A member of a control-plane cluster that is down during a step.</summary>
public sealed record ServiceOutage(string Service, HostId Member);

/// <summary>A VM leaving its host. <paramref name="To"/> is null when no host in service had room for it.</summary>
/// <param name="Mode">How it moves first.</param>
public sealed record Move(InstanceId Instance, VnfId Vnf, HostId From, HostId? To, MigrationMode Mode)
{
    /// <summary>How it moves when <see cref="Mode"/> fails (live → cold), or null; past its chain, it stays on its host.</summary>
    public MigrationMode? Fallback { get; init; }

    /// <summary>The modes it tries, in order: <see cref="Mode"/>, then <see cref="Fallback"/>.</summary>
    public ImmutableArray<MigrationMode> Chain => Fallback is { } f ? [Mode, f] : [Mode];
}

/// <summary>Something the expansion noticed that the planner should see (it is not a safety verdict).</summary>
public sealed record PlanNote(string Code, int Wave, string Message);
