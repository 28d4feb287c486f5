using Escalator.Model.Topology;

namespace Escalator.Model.Yaml;

/// <summary>Writes a <see cref="DataCentre"/> as a topology file that <see cref="TopologyLoader"/> reads back to an equal model.</summary>
/// <remarks>
/// Every field is written explicitly and no profiles are used. Hosts are written under their racks, in the order of
/// <see cref="DataCentre.Hosts"/> within each rack; consecutive hosts of a rack with the same roles, labels, capacity
/// and software whose names count up (<c>cmp-0001</c>, <c>cmp-0002</c> …) share one entry named by a range.
/// A host list that is not in the order of the places (site, zone, rack) reads back in that order.
/// </remarks>
public static partial class TopologyWriter
{
    /// <summary>The topology file's text.</summary>
    /// <exception cref="ArgumentException">A host lies in a rack the sites do not list, or its name holds '[' or ']'.</exception>
    public static string Write(DataCentre dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return YamlOut.Document(yaml => WriteDocument(yaml, dc));
    }

    private static void WriteDocument(YamlOut yaml, DataCentre dc)
    {
        yaml.BeginMap();
        yaml.Entry("name", dc.Name);
        if (dc.Description is { } description)
        {
            yaml.Entry("description", description);
        }
        WriteSites(yaml, dc);
        if (!dc.Clusters.IsEmpty)
        {
            yaml.Text("clusters").BeginList();
            foreach (var cluster in dc.Clusters)
            {
                WriteCluster(yaml, cluster);
            }
            yaml.EndList();
        }
        if (!dc.Vnfs.IsEmpty)
        {
            yaml.Text("vnfs").BeginList();
            foreach (var vnf in dc.Vnfs)
            {
                WriteVnf(yaml, vnf);
            }
            yaml.EndList();
        }
        yaml.EndMap();
    }

    private static void WriteSites(YamlOut yaml, DataCentre dc)
    {
        var byRack = new Dictionary<(string, string, string), List<Host>>();
        foreach (var host in dc.Hosts)
        {
            var key = (host.Site, host.Zone, host.Rack);
            if (!byRack.TryGetValue(key, out var list))
            {
                byRack[key] = list = [];
            }
            list.Add(host);
        }
        yaml.Text("sites").BeginList();
        foreach (var site in dc.Sites)
        {
            yaml.BeginMap().Entry("name", site.Name).Text("zones").BeginList();
            foreach (var zone in site.Zones)
            {
                yaml.BeginMap().Entry("name", zone.Name).Text("racks").BeginList();
                foreach (var rack in zone.Racks)
                {
                    var hosts = byRack.Remove((site.Name, zone.Name, rack), out var list) ? list : [];
                    yaml.BeginMap().Entry("name", rack).Text("hosts");
                    WriteHosts(yaml, hosts);
                    yaml.EndMap();
                }
                yaml.EndList().EndMap();
            }
            yaml.EndList().EndMap();
        }
        yaml.EndList();
        if (byRack.Count > 0)
        {
            var host = byRack.Values.First()[0];
            throw new ArgumentException(
                $"host '{host.Id}' is in site '{host.Site}', zone '{host.Zone}', rack '{host.Rack}', which the sites do not list", nameof(dc));
        }
    }

    private static void WriteHosts(YamlOut yaml, List<Host> hosts)
    {
        var names = hosts.Select(h => h.Id.Name).ToList();
        yaml.BeginList(flow: hosts.Count == 0);
        foreach (var (pattern, start, _) in HostRanges.Compress(names, (a, b) => Alike(hosts[a], hosts[b])))
        {
            var host = hosts[start];
            yaml.BeginMap(flow: true).Entry("name", pattern);
            yaml.Text("roles").TextList(TopologyLoader.RoleNames.Where(r => host.Roles.HasFlag(r.Value)).Select(r => r.Key));
            if (!host.Labels.IsEmpty)
            {
                yaml.Text("labels").TextMap(host.Labels, flow: true);
            }
            WriteCapacity(yaml, host.Capacity);
            yaml.Text("software").BeginMap(flow: true);
            foreach (var (component, version) in host.Software)
            {
                yaml.Text(component).Plain(version.ToString());
            }
            yaml.EndMap().EndMap();
        }
        yaml.EndList();
    }

    private static void WriteCapacity(YamlOut yaml, Capacity c) =>
        yaml.Text("capacity").BeginMap(flow: true)
            .Text("vcpu").Number(c.Vcpu)
            .Text("ramGiB").Number(c.RamGiB)
            .Text("diskGiB").Number(c.DiskGiB)
            .Text("cpuOvercommit").Number(c.CpuOvercommit)
            .Text("ramOvercommit").Number(c.RamOvercommit)
            .Text("diskOvercommit").Number(c.DiskOvercommit)
            .EndMap();

    /// <summary>Whether two hosts of a rack differ only in name.</summary>
    private static bool Alike(Host a, Host b) =>
        a.Roles == b.Roles && a.Capacity == b.Capacity
        && (ReferenceEquals(a.Labels, b.Labels) || a.Labels.SequenceEqual(b.Labels))
        && (ReferenceEquals(a.Software, b.Software) || a.Software.SequenceEqual(b.Software));

    private static void WriteCluster(YamlOut yaml, ControlCluster cluster)
    {
        yaml.BeginMap(flow: true)
            .Entry("service", cluster.Service)
            .Entry("component", cluster.Component)
            .Text("members").TextList(HostRanges.Patterns([.. cluster.Members.Select(m => m.Name)]))
            .Text("quorum").Plain(NameOf(TopologyLoader.QuorumNames, cluster.Quorum))
            .Text("serves").TextList(cluster.Serves)
            .EndMap();
    }

    /// <summary>The spelling a loader's name table gives a value.</summary>
    /// <exception cref="ArgumentException">No file spells the value (such as a step action that only plans use).</exception>
    internal static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum
    {
        foreach (var (name, known) in names)
        {
            if (EqualityComparer<T>.Default.Equals(known, value))
            {
                return name;
            }
        }
        throw new ArgumentException($"no YAML file spells the {typeof(T).Name} {value}", nameof(value));
    }
}
