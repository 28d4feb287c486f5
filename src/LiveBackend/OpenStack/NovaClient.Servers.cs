using System.Net;
using System.Text.Json.Nodes;

namespace Escalator.LiveBackend.OpenStack;

internal sealed partial class NovaClient
{
    /// <summary>The servers of every project (<c>all_tenants=1</c>), of one host when <paramref name="host"/> is given, following pages.</summary>
    public async Task<IReadOnlyList<NovaServer>> ListServersAsync(string? host = null, CancellationToken cancellationToken = default)
    {
        var list = new List<NovaServer>();
        var path = "/servers/detail" + Query(("all_tenants", "1"), ("host", host));
        await foreach (var page in _api.PagesAsync(path, "servers_links", cancellationToken).ConfigureAwait(false))
        {
            list.AddRange(page.Items("servers").Select(ParseServer));
        }
        return list;
    }

    public async Task<NovaServer> GetServerAsync(string serverId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        var root = await _api.GetAsync($"/servers/{Escape(serverId)}", cancellationToken).ConfigureAwait(false);
        return ParseServer(root.Field("server") ?? root);
    }

    /// <summary>Boots a server without networks; its id. Naming a host needs the admin role and microversion 2.74.</summary>
    public async Task<string> CreateServerAsync(ServerCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var server = new JsonObject
        {
            ["name"] = request.Name,
            ["imageRef"] = request.ImageId,
            ["flavorRef"] = request.FlavorId,
            ["networks"] = "none",
        };
        if (request.Host is not null) server["host"] = request.Host;
        var body = new JsonObject { ["server"] = server };
        if (request.GroupId is not null) body["os:scheduler_hints"] = new JsonObject { ["group"] = request.GroupId };
        var root = await _api.SendAsync(HttpMethod.Post, "/servers", body, idempotent: false, cancellationToken).ConfigureAwait(false);
        return root.Field("server")?.Str("id") ?? throw new CloudFaultException("compute", "POST", new Uri("servers", UriKind.Relative), HttpStatusCode.Accepted,
            null, root.GetRawText(), "no server id in the answer");
    }

    /// <summary>Deletes a server; false when it was already gone.</summary>
    public async Task<bool> DeleteServerAsync(string serverId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        try
        {
            await _api.SendAsync(HttpMethod.Delete, $"/servers/{Escape(serverId)}", null, idempotent: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudFaultException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Asks for a live migration (<c>os-migrateLive</c>, <c>block_migration: "auto"</c>) to a named host, or to one the scheduler
    /// picks when <paramref name="host"/> is null. Nova answers 202 at once; follow the migration record to learn how it ends.</summary>
    public Task LiveMigrateAsync(string serverId, string? host = null, CancellationToken cancellationToken = default) =>
        ActionAsync(serverId, new JsonObject { ["os-migrateLive"] = new JsonObject { ["host"] = host, ["block_migration"] = "auto" } }, cancellationToken);

    /// <summary>Asks for a cold migration (<c>migrate</c>), to a named host (2.56+) or a scheduled one; the server ends in VERIFY_RESIZE
    /// and needs <see cref="ConfirmResizeAsync"/>.</summary>
    public Task ColdMigrateAsync(string serverId, string? host = null, CancellationToken cancellationToken = default) =>
        ActionAsync(serverId, new JsonObject { ["migrate"] = host is null ? null : new JsonObject { ["host"] = host } }, cancellationToken);

    /// <summary>Confirms a finished cold migration or resize (<c>confirmResize</c>), freeing the source host.</summary>
    public Task ConfirmResizeAsync(string serverId, CancellationToken cancellationToken = default) =>
        ActionAsync(serverId, new JsonObject { ["confirmResize"] = null }, cancellationToken);

    /// <summary>Polls a server until its status is one of <paramref name="statuses"/> (such as ACTIVE or ERROR); the server then.</summary>
    /// <exception cref="TimeoutException">It did not get there within <paramref name="timeout"/>; the message says where it was.</exception>
    public Task<NovaServer> WaitForServerAsync(string serverId, IReadOnlyCollection<string> statuses, TimeSpan timeout, TimeSpan interval,
        CancellationToken cancellationToken = default) =>
        Poll.UntilAsync(ct => GetServerAsync(serverId, ct), s => statuses.Contains(s.Status), timeout, interval, _time,
            s => $"server {serverId} is {s?.Status ?? "unknown"} (task {s?.TaskState ?? "none"}) rather than {string.Join(" or ", statuses)}",
            cancellationToken);

    /// <summary>Polls until a server no longer exists (404).</summary>
    public Task WaitForServerGoneAsync(string serverId, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken = default) =>
        Poll.UntilAsync(async ct =>
            {
                try
                {
                    return await GetServerAsync(serverId, ct).ConfigureAwait(false);
                }
                catch (CloudFaultException e) when (e.Status == HttpStatusCode.NotFound)
                {
                    return null;
                }
            }, s => s is null, timeout, interval, _time, s => $"server {serverId} still exists ({s?.Status})", cancellationToken);

    private Task<System.Text.Json.JsonElement> ActionAsync(string serverId, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        return _api.SendAsync(HttpMethod.Post, $"/servers/{Escape(serverId)}/action", body, idempotent: false, cancellationToken);
    }
}
