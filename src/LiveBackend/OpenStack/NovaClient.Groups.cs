using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Escalator.LiveBackend.OpenStack;

internal sealed partial class NovaClient
{
    /// <summary>Nova's page size for server groups (<c>osapi_max_limit</c>'s default); groups are paged by offset, without links.</summary>
    internal const int GroupPage = 1000;

    /// <summary>Server groups, of every project when <paramref name="allProjects"/> (administrators only).</summary>
    public async Task<IReadOnlyList<ServerGroup>> ListServerGroupsAsync(bool allProjects = true, CancellationToken cancellationToken = default)
    {
        var list = new List<ServerGroup>();
        for (var page = 0; page < ServiceApi.MaxPages; page++)
        {
            var offset = list.Count.ToString(CultureInfo.InvariantCulture);
            var path = "/os-server-groups" + Query(("all_projects", allProjects ? "True" : null), ("limit", GroupPage.ToString(CultureInfo.InvariantCulture)),
                ("offset", offset));
            var root = await _api.GetAsync(path, cancellationToken).ConfigureAwait(false);
            var groups = root.Items("server_groups").Select(ParseGroup).ToList();
            list.AddRange(groups);
            // A service with a smaller osapi_max_limit answers short pages: stop only at an empty one.
            if (groups.Count == 0) break;
        }
        return list;
    }

    /// <summary>Creates a server group with a policy (2.64+: affinity, anti-affinity, soft-affinity, soft-anti-affinity).</summary>
    public async Task<ServerGroup> CreateServerGroupAsync(string name, string policy, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["server_group"] = new JsonObject { ["name"] = name, ["policy"] = policy } };
        var root = await _api.SendAsync(HttpMethod.Post, "/os-server-groups", body, idempotent: false, cancellationToken).ConfigureAwait(false);
        return ParseGroup(root.Field("server_group") ?? root);
    }

    /// <summary>Deletes a server group; false when it was already gone.</summary>
    public async Task<bool> DeleteServerGroupAsync(string groupId, CancellationToken cancellationToken = default)
    {
        try
        {
            await _api.SendAsync(HttpMethod.Delete, $"/os-server-groups/{Escape(groupId)}", null, idempotent: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudFaultException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
