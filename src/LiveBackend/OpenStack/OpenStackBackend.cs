using Escalator.LiveBackend.Backends;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>A live OpenStack cloud as the executor's backend: Nova's compute services (disabled with a reason while a host
/// is in maintenance), its servers (all projects), live and cold migrations followed through <c>os-migrations</c>, and
/// Placement's inventories and usages for free capacity. Host-level actions run the operator's command templates.</summary>
/// <remarks>Every call to the cloud is bounded by the connection's per-call timeout and retried only when that can help;
/// every wait here polls at <see cref="PollInterval"/> and ends when the step's token is cancelled.</remarks>
public sealed partial class OpenStackBackend : IBackend
{
    private const string ComputeBinary = "nova-compute";

    private readonly CloudConnection _connection;
    private readonly HostActionRunner _actions;

    public OpenStackBackend(CloudConnection connection, HostActionRunner actions, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(actions);
        _connection = connection;
        _actions = actions;
        PollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
        var region = connection.Config.RegionName is { } r ? $" region {r}" : "";
        Cloud = $"{connection.Config.AuthUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}{region}";
    }

    /// <summary>The lock's key: the identity URL and region, the same whatever name clouds.yaml gives the cloud.</summary>
    public string Cloud { get; }

    public TimeProvider Time => _connection.Time;

    /// <summary>How often a wait asks the cloud again.</summary>
    public TimeSpan PollInterval { get; }

    private NovaClient Nova => _connection.Nova;

    public async Task<CloudHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var services = await Nova.ListServicesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var servers = await Nova.ListServersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var computes = services.Where(s => s.Binary == ComputeBinary).ToList();
        var (ram, vcpu) = await FreeCapacityAsync([.. computes.Where(s => s.Enabled && s.Up).Select(s => s.Host)], cancellationToken).ConfigureAwait(false);
        return new CloudHealth(
            [.. services.Where(s => !s.Up).Select(s => $"{s.Binary}@{s.Host}")],
            [.. computes.Where(s => !s.Enabled).Select(s => new HostService(new HostId(s.Host), false, s.Up, s.DisabledReason))],
            [.. servers.Where(s => string.Equals(s.Status, "ERROR", StringComparison.OrdinalIgnoreCase))
                .Select(s => $"{s.Name} ({s.Id}) on {s.Host ?? "no host"}{(s.Fault is { } f ? $": {f}" : "")}")],
            ram, vcpu);
    }

    public async Task SetHostEnabledAsync(HostId host, bool enabled, string? reason, double expectedSeconds, CancellationToken cancellationToken)
    {
        var service = await ComputeServiceAsync(host, cancellationToken).ConfigureAwait(false);
        await Nova.SetServiceStatusAsync(service.Id, enabled, enabled ? null : reason, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ServerInfo>> ServersOnAsync(HostId host, CancellationToken cancellationToken)
    {
        var servers = await Nova.ListServersAsync(host.Name, cancellationToken).ConfigureAwait(false);
        return [.. servers.Select(s => new ServerInfo(s.Id, s.Name, new HostId(s.Host ?? host.Name), s.Status))];
    }

    public async Task<ActionResult> RunActionAsync(HostAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Action == Model.Campaigns.StepAction.Verify && await IsComputeAsync(action.Target, cancellationToken).ConfigureAwait(false))
        {
            await WaitComputeUpAsync(new HostId(action.Target), cancellationToken).ConfigureAwait(false);
        }
        return await _actions.RunAsync(action, cancellationToken).ConfigureAwait(false);
    }

    private async Task<NovaService> ComputeServiceAsync(HostId host, CancellationToken cancellationToken)
    {
        var services = await Nova.ListComputeServicesAsync(host.Name, cancellationToken).ConfigureAwait(false);
        return services.FirstOrDefault(s => s.Host == host.Name)
            ?? throw new BackendFault($"the cloud has no {ComputeBinary} service on host {host} (is the topology's host name Nova's?)");
    }

    private async Task<bool> IsComputeAsync(string target, CancellationToken cancellationToken) =>
        (await Nova.ListComputeServicesAsync(target, cancellationToken).ConfigureAwait(false)).Any(s => s.Host == target);

    /// <summary>After an upgrade the host's nova-compute must report in again before the host is verified.</summary>
    private async Task WaitComputeUpAsync(HostId host, CancellationToken cancellationToken)
    {
        while (!(await ComputeServiceAsync(host, cancellationToken).ConfigureAwait(false)).Up)
        {
            await Task.Delay(PollInterval, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>RAM (GiB) and vCPUs still allocatable on <paramref name="hosts"/>: Placement's capacity (after reserved
    /// and the allocation ratio) less its usages, over each host's compute nodes.</summary>
    private async Task<(double RamGiB, double Vcpu)> FreeCapacityAsync(IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        var hypervisors = await Nova.ListHypervisorsAsync(cancellationToken).ConfigureAwait(false);
        var providers = await _connection.Placement.ListResourceProvidersAsync(cancellationToken).ConfigureAwait(false);
        double ram = 0, vcpu = 0;
        foreach (var provider in hosts.SelectMany(h => TopologyDiscovery.Nodes(hypervisors, providers, h)).DistinctBy(p => p.Uuid))
        {
            var inventories = await _connection.Placement.GetInventoriesAsync(provider.Uuid, cancellationToken).ConfigureAwait(false);
            var usages = await _connection.Placement.GetUsagesAsync(provider.Uuid, cancellationToken).ConfigureAwait(false);
            ram += Free(inventories, usages, "MEMORY_MB") / 1024.0;
            vcpu += Free(inventories, usages, "VCPU");
        }
        return (ram, vcpu);
    }

    private static double Free(IReadOnlyDictionary<string, ResourceInventory> inventories, IReadOnlyDictionary<string, long> usages, string resourceClass) =>
        inventories.TryGetValue(resourceClass, out var inventory) ? Math.Max(0, inventory.Capacity - usages.GetValueOrDefault(resourceClass)) : 0;
}
