using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Backends;

/// <summary>A host's compute service as the cloud reports it.</summary>
/// <param name="DisabledReason">The reason the cloud shows for a disabled service; null when enabled or none given.</param>
public sealed record HostService(HostId Host, bool Enabled, bool Up, string? DisabledReason);

/// <summary>A server (VM) as the cloud reports it.</summary>
/// <param name="Id">The cloud's id (Nova's UUID; the instance name in the simulated data centre).</param>
/// <param name="Name">The name the topology knows it by.</param>
/// <param name="Status">Nova's status: ACTIVE, SHUTOFF, MIGRATING, VERIFY_RESIZE, ERROR …</param>
public sealed record ServerInfo(string Id, string Name, HostId Host, string Status)
{
    public bool IsError => string.Equals(Status, "ERROR", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A migration the cloud has accepted: enough to follow it and to abort it.</summary>
/// <param name="MigrationId">The cloud's migration id once known, else null.</param>
public sealed record MigrationTicket(ServerInfo Server, MigrationMode Mode, string? MigrationId);

/// <summary>How a migration ended.</summary>
/// <param name="Host">Where the server is now.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record MigrationResult(bool Completed, HostId Host, string? Error);

/// <summary>How a host-level action ended, with what it printed (for the log).</summary>
public sealed record ActionResult(bool Ok, string? Error, string Output)
{
    public static readonly ActionResult Success = new(true, null, "");

    public static ActionResult Failure(string error, string output = "") => new(false, error, output);
}

/// <summary>What the pre-flight check looks at.</summary>
/// <param name="ServicesDown">Services the cloud reports down, as "binary@host".</param>
/// <param name="DisabledHosts">Hosts whose compute service is disabled, with the reason shown.</param>
/// <param name="ServersInError">Servers in ERROR, as "name (id) on host".</param>
/// <param name="FreeRamGiB">RAM still allocatable over the enabled computes (after overcommit), GiB.</param>
/// <param name="FreeVcpu">vCPUs still allocatable over the enabled computes (after overcommit).</param>
public sealed record CloudHealth(
    IReadOnlyList<string> ServicesDown,
    IReadOnlyList<HostService> DisabledHosts,
    IReadOnlyList<string> ServersInError,
    double FreeRamGiB,
    double FreeVcpu);
