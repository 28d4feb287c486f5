using System.Collections.Concurrent;
using System.Collections.Immutable;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Builds a topology (<see cref="DataCentre"/>) from a live cloud: Nova's services, hypervisors, servers and server groups,
/// and Placement's inventories. <see cref="DiscoveredTopology.Conventions"/> says how each part is derived.</summary>
public static partial class TopologyDiscovery
{
    /// <summary>How many inventories are read at once.</summary>
    private const int Parallelism = 8;

    /// <summary>Reads the cloud and builds its topology; the time in the result is the connection's <see cref="CloudConnection.Time"/>.</summary>
    /// <exception cref="CloudFaultException">A call failed (after retries of transient faults).</exception>
    /// <exception cref="CloudConfigException">The catalog lacks compute or placement.</exception>
    public static async Task<DiscoveredTopology> DiscoverAsync(CloudConnection cloud, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var snapshot = await ReadAsync(cloud, cancellationToken).ConfigureAwait(false);
        return Build(snapshot, cloud.Config.CloudName ?? "openstack", cloud.Config.AuthUrl, cloud.Time.GetUtcNow());
    }

    internal static async Task<CloudSnapshot> ReadAsync(CloudConnection cloud, CancellationToken cancellationToken)
    {
        var token = await cloud.Session.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var region = cloud.Config.RegionName
            ?? token.Catalog.FirstOrDefault(e => e.ServiceType == "compute" && e.Interface == cloud.Config.Interface)?.Region;
        var version = await cloud.Nova.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        if (Minor(version.MaxVersion) is { } max && Minor(cloud.Nova.Microversion) is { } needed && max < needed)
        {
            throw new CloudConfigException(
                $"the compute API accepts microversions up to {version.MaxVersion}; Escalator asks for {cloud.Nova.Microversion} (Nova 20, Train, or newer)");
        }
        var services = await cloud.Nova.ListServicesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var hypervisors = await cloud.Nova.ListHypervisorsAsync(cancellationToken).ConfigureAwait(false);
        var providers = await cloud.Placement.ListResourceProvidersAsync(cancellationToken).ConfigureAwait(false);
        var servers = await cloud.Nova.ListServersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var groups = await cloud.Nova.ListServerGroupsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var nodes = providers.Where(p => hypervisors.Any(h => h.Id == p.Uuid || h.HypervisorHostname == p.Name)).ToList();
        var inventories = new ConcurrentDictionary<string, IReadOnlyDictionary<string, ResourceInventory>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(nodes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (p, ct) => inventories[p.Uuid] = await cloud.Placement.GetInventoriesAsync(p.Uuid, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new CloudSnapshot([.. services], [.. hypervisors], [.. providers], inventories.ToImmutableDictionary(StringComparer.Ordinal),
            [.. servers], [.. groups], version, region);
    }

    private static int? Minor(string microversion) =>
        microversion.Split('.') is [_, var minor] && int.TryParse(minor, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : null;

    /// <summary>The topology of a snapshot; pure, so tests can build from fixed data.</summary>
    internal static DiscoveredTopology Build(CloudSnapshot cloud, string name, Uri authUrl, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var notes = new List<string>();
        var site = DiscoveryNames.Clean(cloud.Region ?? "") is { Length: > 0 } region ? region : "region";
        var nova = NovaReleases.Estimate(cloud.Version.MaxVersion);
        notes.Add(nova is { } n
            ? $"Nova's version {n.Version} ({n.Release}) is estimated from its API's highest microversion {cloud.Version.MaxVersion}; check it."
            : $"Nova's version is unknown (its API's highest microversion is '{cloud.Version.MaxVersion}'): no software and no clusters are written.");
        var hosts = BuildHosts(cloud, site, nova?.Version, notes);
        var clusters = nova is null ? [] : BuildClusters(cloud, hosts, site);
        var vnfs = BuildVnfs(cloud, hosts, notes);
        var zones = hosts.Select(h => h.Host.Zone).Distinct().Order(NaturalOrder.Instance).Select(z => new Zone(z, [z]));
        var dc = new DataCentre(name, $"Discovered from the OpenStack cloud '{name}' at {authUrl}", [new Site(site, [.. zones])],
            [.. hosts.Select(h => h.Host)], [.. clusters], [.. vnfs]);
        return new DiscoveredTopology(dc, name, authUrl, at, [.. notes]);
    }
}
