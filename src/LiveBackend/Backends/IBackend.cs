using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Backends;

/// <summary>What the executor needs from a data centre: its hosts' compute services, the servers on them, migrations,
/// the host-level actions of a procedure and a health check. Two implementations: the simulated data centre (virtual
/// time) and a live OpenStack cloud.</summary>
/// <remarks>
/// <para>Every call may be cancelled; the executor bounds each wait with the step's timeout through the token.</para>
/// <para>Calls are idempotent where the cloud's are: disabling a disabled service or enabling an enabled one is
/// harmless, which is what lets a resumed run redo an action that was in flight.</para>
/// </remarks>
public interface IBackend
{
    /// <summary>The cloud's name: the key of the one-campaign-at-a-time lock.</summary>
    string Cloud { get; }

    /// <summary>The clock of this data centre: virtual for the simulated one, the system's for a live cloud.</summary>
    TimeProvider Time { get; }

    /// <summary>Services, disabled hosts, servers in error and free capacity, for the pre-flight check.</summary>
    Task<CloudHealth> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>Enables or disables a host's compute service; a disable carries the reason the cloud shows.</summary>
    /// <param name="expectedSeconds">What the plan expects the step to take (the simulated data centre takes it, drawn).</param>
    Task SetHostEnabledAsync(HostId host, bool enabled, string? reason, double expectedSeconds, CancellationToken cancellationToken);

    /// <summary>The servers on a host now.</summary>
    Task<IReadOnlyList<ServerInfo>> ServersOnAsync(HostId host, CancellationToken cancellationToken);

    /// <summary>Starts moving a server off its host.</summary>
    Task<MigrationTicket> StartMigrationAsync(MigrationRequest request, CancellationToken cancellationToken);

    /// <summary>Waits until the migration ends (completed or failed). Cancelling gives up waiting; it does not stop the
    /// migration (see <see cref="AbortMigrationAsync"/>).</summary>
    Task<MigrationResult> WaitMigrationAsync(MigrationTicket ticket, CancellationToken cancellationToken);

    /// <summary>Asks the cloud to abort a running migration (the server stays on its source).</summary>
    Task AbortMigrationAsync(MigrationTicket ticket, CancellationToken cancellationToken);

    /// <summary>Performs a host-level action of the procedure (backup, upgrade, verify, and the parallel universe's
    /// build, transfer, cut-over and retire) on a host or a stage-wide target.</summary>
    Task<ActionResult> RunActionAsync(HostAction action, CancellationToken cancellationToken);
}

/// <summary>A migration to start.</summary>
/// <param name="Destination">The planned destination; null lets the cloud's scheduler choose.</param>
/// <param name="PlannedSeconds">The evacuate step's expected time (the simulated data centre takes the one duration model's
/// figure for it); a live cloud takes what it takes.</param>
/// <param name="Fallback">Whether this mode is a fallback of the move's chain.</param>
public sealed record MigrationRequest(ServerInfo Server, MigrationMode Mode, HostId? Destination, double PlannedSeconds = 0, bool Fallback = false);

/// <summary>A host-level action for <see cref="IBackend.RunActionAsync"/>.</summary>
/// <param name="Target">A host's name, or the stage's name for a stage-wide step.</param>
/// <param name="Components">The components the stage upgrades, with their target versions.</param>
/// <param name="ExpectedSeconds">The campaign's expected duration (the simulated backend draws around it).</param>
public sealed record HostAction(StepAction Action, string Target, string Campaign, int Wave,
    IReadOnlyDictionary<string, string> Components, double ExpectedSeconds)
{
    /// <summary>For verify and a canary's gate: the names of the campaign's health checks to run.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>For an upgrade: this is a rollback, and <see cref="Components"/> are the versions to go back to.</summary>
    public bool Rollback { get; init; }
}
