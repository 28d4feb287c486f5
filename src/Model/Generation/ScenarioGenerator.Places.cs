using System.Collections.Immutable;
using System.Globalization;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.Model.Generation;

public static partial class ScenarioGenerator
{
    private static readonly ImmutableSortedDictionary<string, SemVersion> ControlSoftware = Versions(
        ("host-os", "12.5.0"), ("galera", "10.11.4"), ("rabbitmq", "3.11.9"), ("keystone", "22.0.0"),
        ("placement-api", "8.0.0"), ("nova-conductor", "26.2.0"), ("nova-api", "26.2.0"));

    private static readonly ImmutableSortedDictionary<string, SemVersion> ComputeSoftware = Versions(
        ("host-os", "12.5.0"), ("libvirt", "8.0.0"), ("nova-compute", "26.2.0"));

    private static readonly Capacity ControlCapacity = new(32, 128, 1000);

    /// <summary>The hardware generations of compute racks: capacity and the label that names them.</summary>
    private static readonly (Capacity Capacity, ImmutableSortedDictionary<string, string> Labels)[] Generations =
    [
        (new Capacity(48, 384, 3840), Label("hw", "gen10")),
        (new Capacity(64, 512, 7680, CpuOvercommit: 3.0), Label("hw", "gen11")),
    ];

    /// <summary>The control-plane clusters: service, component, quorum rule.</summary>
    private static readonly (string Service, string Component, QuorumRule Quorum)[] ClusterSpecs =
    [
        ("galera", "galera", QuorumRule.Majority),
        ("rabbitmq", "rabbitmq", QuorumRule.Majority),
        ("keystone", "keystone", QuorumRule.Any),
        ("placement", "placement-api", QuorumRule.Any),
        ("nova-conductor", "nova-conductor", QuorumRule.Any),
        ("nova-api", "nova-api", QuorumRule.Any),
    ];

    /// <summary>Sites, zones and racks, and the hosts in place order (control host first in each of the first racks).</summary>
    private static (ImmutableArray<Site> Sites, ImmutableArray<Host> Hosts) BuildPlaces(int hosts, Random random)
    {
        var racks = Math.Max(ControlHosts, (hosts + RackSize - 1) / RackSize);
        var rackWidth = Math.Max(3, Digits(racks));
        var computeWidth = Math.Max(4, Digits(hosts - ControlHosts));
        var list = ImmutableArray.CreateBuilder<Host>(hosts);
        var nextCompute = 1;
        for (var r = 0; r < racks; r++)
        {
            var (site, zone, rack) = (SiteName(r), ZoneName(r), RackName(r, rackWidth));
            var size = hosts / racks + (r < hosts % racks ? 1 : 0);
            if (r < ControlHosts)
            {
                list.Add(new Host(new HostId($"ctl-{r + 1}"), site, zone, rack, HostRoles.Control | HostRoles.Network,
                    ImmutableSortedDictionary<string, string>.Empty, ControlCapacity, ControlSoftware));
                size--;
            }
            var (capacity, labels) = Generations[random.NextDouble() < 0.7 ? 0 : 1];
            for (var i = 0; i < size; i++, nextCompute++)
            {
                var name = "cmp-" + nextCompute.ToString(CultureInfo.InvariantCulture).PadLeft(computeWidth, '0');
                list.Add(new Host(new HostId(name), site, zone, rack, HostRoles.Compute, labels, capacity, ComputeSoftware));
            }
        }
        var sites = Enumerable.Range(0, racks).GroupBy(r => r / RacksPerSite).Select(s => new Site(SiteName(s.First()),
            [.. s.GroupBy(r => r / RacksPerZone).Select(z => new Zone(ZoneName(z.First()), [.. z.Select(r => RackName(r, rackWidth))]))]));
        return ([.. sites], list.MoveToImmutable());
    }

    /// <summary>The control-plane clusters, each with a member on every control host, serving every site.</summary>
    private static ImmutableArray<ControlCluster> BuildClusters(ImmutableArray<Site> sites)
    {
        ImmutableArray<HostId> members = [.. Enumerable.Range(1, ControlHosts).Select(i => new HostId($"ctl-{i}"))];
        ImmutableArray<string> serves = [.. sites.Select(s => s.Name)];
        return [.. ClusterSpecs.Select(c => new ControlCluster(c.Service, c.Component, members, c.Quorum, serves))];
    }

    private static string SiteName(int rack) => $"dc{rack / RacksPerSite + 1}";

    private static string ZoneName(int rack) => $"az{rack / RacksPerZone + 1}";

    private static string RackName(int rack, int width) => "rack-" + (rack + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;

    private static ImmutableSortedDictionary<string, SemVersion> Versions(params (string Component, string Version)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Component, e => SemVersion.Parse(e.Version), StringComparer.Ordinal);

    private static ImmutableSortedDictionary<string, string> Label(string key, string value) =>
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add(key, value);
}
