using System.Globalization;
using Escalator.LiveBackend.Backends;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.OpenStack;

public sealed partial class OpenStackBackend
{
    /// <summary>Asks Nova to move the server (<c>os-migrateLive</c> or <c>migrate</c>, to the planned host when given, which
    /// Nova still checks against the scheduler's filters such as anti-affinity), then waits for the migration record it
    /// creates, so the ticket carries the record's id.</summary>
    public async Task<MigrationTicket> StartMigrationAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (server, mode, destination) = (request.Server, request.Mode, request.Destination);
        var type = TypeOf(mode);
        var before = (await Nova.ListMigrationsAsync(server.Id, type, cancellationToken).ConfigureAwait(false)).Select(m => m.Id).DefaultIfEmpty(0).Max();
        if (mode == MigrationMode.Live) await Nova.LiveMigrateAsync(server.Id, destination?.Name, cancellationToken).ConfigureAwait(false);
        else await Nova.ColdMigrateAsync(server.Id, destination?.Name, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var created = (await Nova.ListMigrationsAsync(server.Id, type, cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.Id > before);
            if (created is not null) return new MigrationTicket(server, mode, created.Id.ToString(CultureInfo.InvariantCulture));
            await Task.Delay(PollInterval, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Follows the ticket's migration record (or, for a ticket without one, the server's newest) to its end; a
    /// finished cold migration is confirmed. Completed means the record succeeded and the server left its source.</summary>
    public async Task<MigrationResult> WaitMigrationAsync(MigrationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var server = ticket.Server;
        while (true)
        {
            var record = await RecordAsync(ticket, cancellationToken).ConfigureAwait(false);
            var now = await Nova.GetServerAsync(server.Id, cancellationToken).ConfigureAwait(false);
            if (string.Equals(now.Status, "ERROR", StringComparison.OrdinalIgnoreCase))
            {
                return new MigrationResult(false, new HostId(now.Host ?? server.Host.Name), $"the server went to ERROR{(now.Fault is { } e ? $": {e}" : "")}");
            }
            if (record is null && now.Host != server.Host.Name && now.Status is not ("MIGRATING" or "RESIZE" or "VERIFY_RESIZE"))
            {
                return new MigrationResult(true, new HostId(now.Host ?? ""), null);
            }
            if (record is { IsFinished: true, Succeeded: false })
            {
                var fault = now.Fault is { } f ? $": {f}" : "";
                return new MigrationResult(false, new HostId(now.Host ?? server.Host.Name), $"Nova's migration {record.Id} ended {record.Status}{fault}");
            }
            if (record is { IsFinished: true } && now.Status == "VERIFY_RESIZE")
            {
                await Nova.ConfirmResizeAsync(server.Id, cancellationToken).ConfigureAwait(false);
            }
            else if (record is { IsFinished: true } && now.Host is { } host && host != server.Host.Name && now.Status is not ("MIGRATING" or "RESIZE"))
            {
                return new MigrationResult(true, new HostId(host), null);
            }
            await Task.Delay(PollInterval, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Aborts a live migration in progress (<c>DELETE /servers/{id}/migrations/{mid}</c>); the server stays on its source.</summary>
    public async Task AbortMigrationAsync(MigrationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Mode != MigrationMode.Live) throw new BackendFault($"only a live migration can be aborted; {ticket.Server.Name}'s is {ticket.Mode}");
        var record = await RecordAsync(ticket, cancellationToken).ConfigureAwait(false)
            ?? throw new BackendFault($"Nova has no live migration of {ticket.Server.Name} to abort");
        await Nova.AbortLiveMigrationAsync(ticket.Server.Id, record.Id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<NovaMigration?> RecordAsync(MigrationTicket ticket, CancellationToken cancellationToken)
    {
        var records = await Nova.ListMigrationsAsync(ticket.Server.Id, TypeOf(ticket.Mode), cancellationToken).ConfigureAwait(false);
        return ticket.MigrationId is { } id ? records.FirstOrDefault(m => m.Id.ToString(CultureInfo.InvariantCulture) == id) : records.Count > 0 ? records[0] : null;
    }

    private static string TypeOf(MigrationMode mode) => mode switch
    {
        MigrationMode.Live => "live-migration",
        MigrationMode.Cold => "migration",
        _ => throw new BackendFault($"a server cannot be moved with migration mode {mode}"),
    };
}
