using System.Collections.Immutable;
using Escalator.Model.Diagnostics;
using Escalator.Model.Software;
using Escalator.Model.Yaml;

namespace Escalator.Model.Topology;

/// <summary>Reads a topology file into a <see cref="DataCentre"/>, reporting every problem with its position.</summary>
public static partial class TopologyLoader
{
    internal static readonly string[] RootKeys = ["name", "description", "profiles", "sites", "clusters", "vnfs"];

    internal static readonly Dictionary<string, HostRoles> RoleNames = new(StringComparer.Ordinal)
    {
        ["compute"] = HostRoles.Compute,
        ["network"] = HostRoles.Network,
        ["storage"] = HostRoles.Storage,
        ["control"] = HostRoles.Control,
    };

    public static Loaded<DataCentre> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FileText.Read(path, out var text, out var missing) ? Parse(path, text) : new(null, [missing!], SourceMap.Empty);
    }

    public static Loaded<DataCentre> Parse(string fileName, string text)
    {
        var bag = new DiagnosticBag();
        var (file, root) = YamlFile.Parse(fileName, text, bag, RootKeys);
        if (root is null)
        {
            return new(null, [.. bag.Sorted()], file.Sources);
        }
        var reader = new Reader(file);
        var dc = reader.Read(root);
        return new(dc, [.. bag.Sorted()], file.Sources);
    }

    /// <summary>A host entry as written, before its profile is applied: every field optional.</summary>
    private sealed record HostDraft(
        HostRoles? Roles,
        ImmutableSortedDictionary<string, string> Labels,
        CapacityDraft Capacity,
        ImmutableSortedDictionary<string, SemVersion> Software);

    private sealed record CapacityDraft(int? Vcpu, double? RamGiB, double? DiskGiB, double? CpuOvercommit, double? RamOvercommit, double? DiskOvercommit)
    {
        public static readonly CapacityDraft Empty = new(null, null, null, null, null, null);

        public CapacityDraft Over(CapacityDraft below) => new(
            Vcpu ?? below.Vcpu, RamGiB ?? below.RamGiB, DiskGiB ?? below.DiskGiB,
            CpuOvercommit ?? below.CpuOvercommit, RamOvercommit ?? below.RamOvercommit, DiskOvercommit ?? below.DiskOvercommit);
    }

    private sealed partial class Reader(YamlFile file)
    {
        private readonly Dictionary<string, HostDraft> _profiles = new(StringComparer.Ordinal);
        private readonly Dictionary<HostId, string> _hostPaths = [];

        public DataCentre Read(YamlMap root)
        {
            var name = root.String("name", required: true) ?? "";
            var description = root.String("description");
            ReadProfiles(root);
            var hosts = new List<Host>();
            var sites = ReadSites(root, hosts);
            var clusters = ReadClusters(root);
            var vnfs = ReadVnfs(root);
            root.Finish();
            var dc = new DataCentre(name, description, [.. sites], [.. hosts], [.. clusters.Select(c => WithDefaultSites(c, hosts))],
                [.. vnfs.Select(WithDefaultActive)]);
            CheckReferences(dc);
            return dc;
        }

        /// <summary>A cluster that names no sites serves the sites its members are in.</summary>
        private static ControlCluster WithDefaultSites(ControlCluster cluster, List<Host> hosts) =>
            !cluster.Serves.IsEmpty ? cluster : cluster with
            {
                Serves = [.. hosts.Where(h => cluster.Members.Contains(h.Id)).Select(h => h.Site).Distinct()],
            };

        /// <summary>An active-standby VNF that names no active instance has its first instance active.</summary>
        private static Vnf WithDefaultActive(Vnf vnf) =>
            vnf.Redundancy is { Model: RedundancyModel.ActiveStandby, Active: null } && !vnf.Instances.IsEmpty
                ? vnf with { Redundancy = vnf.Redundancy with { Active = vnf.Instances[0].Id } }
                : vnf;

        private void ReadProfiles(YamlMap root)
        {
            var profiles = root.Map("profiles");
            if (profiles is null) return;
            foreach (var key in profiles.Keys.ToList())
            {
                if (profiles.Map(key) is { } map)
                {
                    _profiles[key] = ReadHostFields(map);
                    map.Finish();
                }
            }
            profiles.Finish();
        }

        private List<Site> ReadSites(YamlMap root, List<Host> hosts)
        {
            var sites = new List<Site>();
            var siteNames = new Names(file, "site");
            foreach (var siteMap in root.Maps("sites", required: true))
            {
                var site = siteMap.String("name", required: true) ?? "";
                siteNames.Add(site, siteMap.Child("name"));
                var zones = new List<Zone>();
                foreach (var zoneMap in siteMap.Maps("zones", required: true))
                {
                    var zone = zoneMap.String("name", required: true) ?? "";
                    var racks = new List<string>();
                    foreach (var rackMap in zoneMap.Maps("racks", required: true))
                    {
                        var rack = rackMap.String("name", required: true) ?? "";
                        racks.Add(rack);
                        foreach (var hostMap in rackMap.Maps("hosts", required: true))
                        {
                            hosts.AddRange(ReadHosts(hostMap, site, zone, rack));
                        }
                        rackMap.Finish();
                    }
                    zones.Add(new Zone(zone, [.. racks]));
                    zoneMap.Finish();
                }
                sites.Add(new Site(site, [.. zones]));
                siteMap.Finish();
            }
            CheckPlaceNames(sites);
            return sites;
        }

        private void CheckPlaceNames(List<Site> sites)
        {
            var zones = sites.SelectMany((s, i) => s.Zones.Select((z, j) => (z.Name, Path: $"sites[{i}].zones[{j}].name")));
            var zoneNames = new Names(file, "zone");
            foreach (var (n, p) in zones) zoneNames.Add(n, p);
            var racks = sites.SelectMany((s, i) => s.Zones.SelectMany((z, j) =>
                z.Racks.Select((r, k) => (Name: r, Path: $"sites[{i}].zones[{j}].racks[{k}].name"))));
            var rackNames = new Names(file, "rack");
            foreach (var (n, p) in racks) rackNames.Add(n, p);
        }

        private IEnumerable<Host> ReadHosts(YamlMap map, string site, string zone, string rack)
        {
            var pattern = map.String("name", required: true);
            var profileName = map.String("profile");
            var own = ReadHostFields(map);
            map.Finish();
            if (pattern is null) yield break;

            // Ordinal, as every name comparison in the model (the empty dictionaries' own comparer would be the culture's).
            var profile = new HostDraft(null, ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal), CapacityDraft.Empty,
                ImmutableSortedDictionary<string, SemVersion>.Empty.WithComparers(StringComparer.Ordinal));
            if (profileName is not null && !_profiles.TryGetValue(profileName, out profile!))
            {
                file.ErrorAt(DiagnosticCodes.UnknownReference,
                    $"no profile is named '{profileName}'{Suggestions.Hint(profileName, _profiles.Keys)}", map.Child("profile"));
                yield break;
            }
            var (names, error) = HostRange.Expand(pattern);
            if (error is not null)
            {
                file.ErrorAt(DiagnosticCodes.BadHostRange, error, map.Child("name"));
                yield break;
            }
            var capacity = own.Capacity.Over(profile.Capacity);
            if (capacity.Vcpu is null || capacity.RamGiB is null)
            {
                file.ErrorAt(DiagnosticCodes.MissingKey,
                    $"host '{pattern}' has no capacity.{(capacity.Vcpu is null ? "vcpu" : "ramGiB")}, neither its own nor from a profile",
                    map.Path);
                yield break;
            }
            var resolved = new Capacity(capacity.Vcpu.Value, capacity.RamGiB.Value, capacity.DiskGiB ?? 0,
                capacity.CpuOvercommit ?? 4.0, capacity.RamOvercommit ?? 1.0, capacity.DiskOvercommit ?? 1.0);
            var roles = own.Roles ?? profile.Roles ?? HostRoles.None;
            if (roles == HostRoles.None)
            {
                file.ErrorAt(DiagnosticCodes.MissingKey,
                    $"host '{pattern}' has no roles; expected at least one of {string.Join(", ", RoleNames.Keys)}", map.Path);
            }
            var labels = profile.Labels.SetItems(own.Labels);
            var software = profile.Software.SetItems(own.Software);
            foreach (var name in names)
            {
                var id = new HostId(name);
                if (!_hostPaths.TryAdd(id, map.Child("name")))
                {
                    file.ErrorAt(DiagnosticCodes.DuplicateName,
                        $"host '{name}' is defined twice; the first is at {file.Sources.Locate(_hostPaths[id])}", map.Child("name"));
                    continue;
                }
                yield return new Host(id, site, zone, rack, roles, labels, resolved, software);
            }
        }

        private HostDraft ReadHostFields(YamlMap map)
        {
            HostRoles? roles = null;
            if (map.Has("roles"))
            {
                roles = HostRoles.None;
                foreach (var (value, path) in map.Strings("roles"))
                {
                    if (RoleNames.TryGetValue(value, out var role)) roles |= role;
                    else file.ErrorAt(DiagnosticCodes.BadValue,
                        $"expected one of {string.Join(", ", RoleNames.Keys)}; found '{value}'{Suggestions.Hint(value, RoleNames.Keys)}", path);
                }
            }
            var labels = map.StringMap("labels").ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
            var capacity = CapacityDraft.Empty;
            if (map.Map("capacity") is { } c)
            {
                capacity = new CapacityDraft(c.Int("vcpu", min: 1), c.Number("ramGiB", min: 0), c.Number("diskGiB", min: 0),
                    c.Number("cpuOvercommit", min: 0.01), c.Number("ramOvercommit", min: 0.01), c.Number("diskOvercommit", min: 0.01));
                c.Finish();
            }
            return new HostDraft(roles, labels, capacity, ReadSoftware(map));
        }

        private ImmutableSortedDictionary<string, SemVersion> ReadSoftware(YamlMap map)
        {
            var software = ImmutableSortedDictionary.CreateBuilder<string, SemVersion>(StringComparer.Ordinal);
            foreach (var (component, text, path) in map.StringMap("software"))
            {
                if (Versions.Parse(file, text, path) is { } v) software[component] = v;
            }
            return software.ToImmutable();
        }
    }
}
