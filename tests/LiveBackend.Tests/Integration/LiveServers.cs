using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary>Servers (and a server group) a live test boots, deleted when it is disposed, whether the test passed or not.</summary>
internal sealed class LiveServers(NovaClient nova, string imageId) : IAsyncDisposable
{
    public const string Image = "escalator-tiny";
    public const string Flavor = "escalator.tiny";

    private readonly List<string> _servers = [];
    private readonly List<string> _groups = [];

    public async Task<ServerGroup> CreateGroupAsync(string name, string policy)
    {
        var group = await nova.CreateServerGroupAsync(name, policy);
        _groups.Add(group.Id);
        return group;
    }

    /// <summary>Boots a server on a named host and waits for it to be ACTIVE.</summary>
    /// <summary>Finds the test image; the servers booted are deleted when disposed.</summary>
    public static async Task<LiveServers> StartAsync(CloudConnection connection) =>
        new(connection.Nova, Assert.Single(await connection.Glance.FindImageIdsAsync(Image)));

    /// <summary>Boots a server named <paramref name="what"/> plus a unique suffix on <paramref name="host"/>, and waits for it.</summary>
    public async Task<NovaServer> BootAsync(string what, string host, string? groupId = null)
    {
        var name = LiveCloud.UniqueName(what);
        var id = await nova.CreateServerAsync(new ServerCreateRequest(name, imageId, Flavor, host, groupId));
        _servers.Add(id);
        var server = await nova.WaitForServerAsync(id, ["ACTIVE", "ERROR"], LiveCloud.StepTimeout, LiveCloud.PollInterval);
        Assert.True(server.Status == "ACTIVE", $"server {name} ({id}) went to {server.Status}: {server.Fault}");
        return server;
    }

    /// <summary>Deletes everything created, going on past a failure so one stuck server does not keep the others; then reports what failed.</summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        async Task Try(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception e) when (e is CloudFaultException or TimeoutException)
            {
                failures.Add(e);
            }
        }
        foreach (var id in _servers) await Try(() => nova.DeleteServerAsync(id));
        foreach (var id in _servers) await Try(() => nova.WaitForServerGoneAsync(id, LiveCloud.StepTimeout, LiveCloud.PollInterval));
        foreach (var id in _groups) await Try(() => nova.DeleteServerGroupAsync(id));
        if (failures.Count > 0) throw new AggregateException("cleaning up the test's servers failed", failures);
    }
}
