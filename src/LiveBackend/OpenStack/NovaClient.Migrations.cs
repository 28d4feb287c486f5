using System.Globalization;
using System.Text.Json.Nodes;

namespace Escalator.LiveBackend.OpenStack;

internal sealed partial class NovaClient
{
    /// <summary>Migration records, newest first, of one server and one type (<c>live-migration</c>, <c>migration</c>) when given.</summary>
    public async Task<IReadOnlyList<NovaMigration>> ListMigrationsAsync(string? serverId = null, string? migrationType = null,
        CancellationToken cancellationToken = default)
    {
        var list = new List<NovaMigration>();
        var path = "/os-migrations" + Query(("instance_uuid", serverId), ("migration_type", migrationType));
        await foreach (var page in _api.PagesAsync(path, "migrations_links", cancellationToken).ConfigureAwait(false))
        {
            list.AddRange(page.Items("migrations").Select(ParseMigration));
        }
        // Nova sorts newest first from 2.59; sorting again keeps the promise at any microversion.
        return [.. list.OrderByDescending(m => m.CreatedAt ?? DateTimeOffset.MinValue).ThenByDescending(m => m.Id)];
    }

    /// <summary>Aborts a live migration in progress (<c>DELETE /servers/{id}/migrations/{migration_id}</c>, 2.24+).</summary>
    public async Task AbortLiveMigrationAsync(string serverId, long migrationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        var path = $"/servers/{Escape(serverId)}/migrations/{migrationId.ToString(CultureInfo.InvariantCulture)}";
        await _api.SendAsync(HttpMethod.Delete, path, null, idempotent: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls the newest migration record of a server (of a type, newer than <paramref name="afterId"/>) until it has ended;
    /// the record then, which says whether it succeeded. Poll this rather than the server: the server shows its new host before the
    /// record completes.</summary>
    /// <param name="afterId">The id of the newest record before the move was asked for, so an older migration is not mistaken for it.</param>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/>; the message gives its last status.</exception>
    public async Task<NovaMigration> WaitForMigrationAsync(string serverId, string migrationType, long? afterId, TimeSpan timeout, TimeSpan interval,
        CancellationToken cancellationToken = default) =>
        (await Poll.UntilAsync(
            async ct => (await ListMigrationsAsync(serverId, migrationType, ct).ConfigureAwait(false)).FirstOrDefault(m => afterId is null || m.Id > afterId),
            m => m is { IsFinished: true }, timeout, interval, _time,
            m => m is null ? $"no {migrationType} record of server {serverId} appeared" : $"{migrationType} {m.Id} of server {serverId} is still {m.Status}",
            cancellationToken).ConfigureAwait(false))!;
}
