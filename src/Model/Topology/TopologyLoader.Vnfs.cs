using System.Collections.Immutable;
using Escalator.Model.Diagnostics;
using Escalator.Model.Yaml;

namespace Escalator.Model.Topology;

public static partial class TopologyLoader
{
    internal static readonly Dictionary<string, RedundancyModel> RedundancyNames = new(StringComparer.Ordinal)
    {
        ["active-standby"] = RedundancyModel.ActiveStandby,
        ["n+m"] = RedundancyModel.NPlusM,
        ["quorum"] = RedundancyModel.Quorum,
        ["none"] = RedundancyModel.None,
    };

    internal static readonly Dictionary<string, AntiAffinity> AntiAffinityNames = new(StringComparer.Ordinal)
    {
        ["none"] = AntiAffinity.None,
        ["host"] = AntiAffinity.Host,
        ["rack"] = AntiAffinity.Rack,
        ["zone"] = AntiAffinity.Zone,
    };

    internal static readonly Dictionary<string, MigrationMode> MigrationNames = new(StringComparer.Ordinal)
    {
        ["live"] = MigrationMode.Live,
        ["cold"] = MigrationMode.Cold,
        ["none"] = MigrationMode.None,
    };

    internal static readonly Dictionary<string, VnfmAction> VnfmActionNames = new(StringComparer.Ordinal)
    {
        ["migrate"] = VnfmAction.Migrate,
        ["live-migrate"] = VnfmAction.LiveMigrate,
        ["switchover"] = VnfmAction.Switchover,
        ["own-action"] = VnfmAction.OwnAction,
    };

    internal static readonly Dictionary<string, QuorumRule> QuorumNames = new(StringComparer.Ordinal)
    {
        ["majority"] = QuorumRule.Majority,
        ["any"] = QuorumRule.Any,
        ["all"] = QuorumRule.All,
    };

    private sealed partial class Reader
    {
        /// <summary>Each instance's mapping, for its path should it be defined twice.</summary>
        private readonly Dictionary<InstanceId, YamlMap> _instances = [];

        private List<Vnf> ReadVnfs(YamlMap root)
        {
            var vnfs = new List<Vnf>();
            var names = new Names(file, "VNF");
            foreach (var map in root.Maps("vnfs"))
            {
                var name = map.String("name", required: true) ?? "";
                names.Add(name, map.Child("name"));
                var flavor = map.Map("flavor") is { } f ? ReadFlavor(f) : null;
                var redundancy = ReadRedundancy(map);
                var antiAffinity = map.Choice("antiAffinity", AntiAffinityNames) ?? AntiAffinity.None;
                var migration = ReadMigration(map);
                var switchover = map.Duration("switchover") ?? 0;
                var coordination = ReadCoordination(map);
                var availability = ReadAvailability(map);
                var instances = ReadInstances(map, flavor);
                map.Finish();
                vnfs.Add(new Vnf(new VnfId(name), redundancy, antiAffinity, migration, switchover, coordination, availability, [.. instances]));
            }
            return vnfs;
        }

        private static Flavor? ReadFlavor(YamlMap map)
        {
            var vcpu = map.Int("vcpu", required: true, min: 1);
            var ram = map.Number("ramGiB", required: true, min: 0);
            var disk = map.Number("diskGiB", min: 0) ?? 0;
            map.Finish();
            return vcpu is null || ram is null ? null : new Flavor(vcpu.Value, ram.Value, disk);
        }

        private Redundancy ReadRedundancy(YamlMap vnf)
        {
            var node = vnf.Raw("redundancy", required: true, "a model: active-standby, n+m, quorum or none");
            switch (node)
            {
                case null:
                    return new Redundancy(RedundancyModel.None);
                case { IsScalar: true } scalar:
                    return new Redundancy(vnf.ChoiceOf(scalar, vnf.Child("redundancy"), RedundancyNames) ?? RedundancyModel.None);
            }
            var map = vnf.AsMap(node.Value, vnf.Child("redundancy"));
            if (map is null) return new Redundancy(RedundancyModel.None);
            var model = map.Choice("model", RedundancyNames, required: true) ?? RedundancyModel.None;
            var active = map.String("active");
            var minActive = map.Int("minActive", min: 1);
            map.Finish();
            if (model == RedundancyModel.NPlusM && minActive is null)
            {
                file.ErrorAt(DiagnosticCodes.MissingKey, "an n+m VNF needs minActive, the N instances that must stay available", map.Path);
            }
            if (model != RedundancyModel.NPlusM && map.Has("minActive"))
            {
                file.ErrorAt(DiagnosticCodes.Inconsistent, "minActive applies to the n+m model only", map.Child("minActive"));
            }
            if (model != RedundancyModel.ActiveStandby && active is not null)
            {
                file.ErrorAt(DiagnosticCodes.Inconsistent, "active applies to the active-standby model only", map.Child("active"));
            }
            return new Redundancy(model, active is null ? null : new InstanceId(active), minActive ?? 0);
        }

        private static Migration ReadMigration(YamlMap vnf)
        {
            var node = vnf.Raw("migration");
            switch (node)
            {
                case null:
                    return new Migration(MigrationMode.Live);
                case { IsScalar: true } scalar:
                    return new Migration(vnf.ChoiceOf(scalar, vnf.Child("migration"), MigrationNames) ?? MigrationMode.Live);
            }
            var map = vnf.AsMap(node.Value, vnf.Child("migration"));
            if (map is null) return new Migration(MigrationMode.Live);
            var mode = map.Choice("mode", MigrationNames, required: true) ?? MigrationMode.Live;
            var used = map.Number("usedMemoryGiB", min: 0);
            var dirty = map.Number("dirtyRateMiBps", min: 0) ?? 0;
            map.Finish();
            return new Migration(mode, used, dirty);
        }

        private Coordination ReadCoordination(YamlMap vnf)
        {
            var map = vnf.Map("maintenance");
            if (map is null) return Coordination.Uncoordinated;
            var coordinated = map.Bool("coordinated") ?? true;
            var lead = map.Duration("leadTime") ?? 0;
            var reply = map.Duration("replyTimeout");
            var actions = new List<VnfmAction>();
            foreach (var (value, path) in map.Strings("actions"))
            {
                if (VnfmActionNames.TryGetValue(value, out var a)) actions.Add(a);
                else file.ErrorAt(DiagnosticCodes.BadValue,
                    $"expected one of {string.Join(", ", VnfmActionNames.Keys)}; found '{value}'{Suggestions.Hint(value, VnfmActionNames.Keys)}", path);
            }
            var endpoint = map.String("endpoint");
            if (endpoint is not null && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            {
                file.ErrorAt(DiagnosticCodes.BadValue, $"expected the VNFM's webhook as an absolute http or https URL; found '{endpoint}'", map.Child("endpoint"));
            }
            var project = map.String("project");
            map.Finish();
            if (coordinated && reply is null)
            {
                file.ErrorAt(DiagnosticCodes.UnboundedWait,
                    "a coordinated VNF needs replyTimeout: how long to wait for its VNFM (Fenix's default is 20s)", map.Path);
            }
            if (reply is 0)
            {
                file.ErrorAt(DiagnosticCodes.UnboundedWait, "replyTimeout must be longer than 0s", map.Child("replyTimeout"));
            }
            return new Coordination(coordinated, lead, reply ?? 20, [.. actions], endpoint, project);
        }

        private AvailabilityTarget? ReadAvailability(YamlMap vnf)
        {
            var map = vnf.Map("availability");
            if (map is null) return null;
            var sal = map.Int("sal", min: 1);
            var maxOutage = map.Duration("maxOutage");
            map.Finish();
            switch (sal, maxOutage)
            {
                case (null, null):
                    file.ErrorAt(DiagnosticCodes.MissingKey, "expected sal (1, 2 or 3) or maxOutage (such as 500ms); found neither", map.Path);
                    return null;
                case (not null, not null):
                    file.ErrorAt(DiagnosticCodes.Inconsistent, "give sal or maxOutage, not both", map.Child("maxOutage"));
                    return null;
                case ( > 3, _):
                    file.ErrorAt(DiagnosticCodes.BadValue, $"expected a SAL class of 1, 2 or 3; found {sal}", map.Child("sal"));
                    return null;
                case (not null, _):
                    return AvailabilityTarget.FromSal(sal.Value);
                default:
                    return new AvailabilityTarget(null, maxOutage!.Value);
            }
        }

        private List<Instance> ReadInstances(YamlMap vnf, Flavor? vnfFlavor)
        {
            var instances = new List<Instance>();
            foreach (var map in vnf.Maps("instances", required: true))
            {
                var name = map.String("name", required: true);
                var host = map.String("host", required: true);
                var flavor = map.Map("flavor") is { } f ? ReadFlavor(f) : vnfFlavor;
                map.Finish();
                if (name is null || host is null) continue;
                if (flavor is null)
                {
                    file.ErrorAt(DiagnosticCodes.MissingKey, $"instance '{name}' has no flavor, neither its own nor its VNF's", map.Path);
                    continue;
                }
                var id = new InstanceId(name);
                if (!_instances.TryAdd(id, map))
                {
                    file.ErrorAt(DiagnosticCodes.DuplicateName,
                        $"instance '{name}' is defined twice; the first is at {file.Sources.Locate(_instances[id].Child("name"))}", map.Child("name"));
                    continue;
                }
                instances.Add(new Instance(id, new HostId(host), flavor));
            }
            return instances;
        }

        private List<ControlCluster> ReadClusters(YamlMap root)
        {
            var clusters = new List<ControlCluster>();
            var names = new Names(file, "cluster");
            foreach (var map in root.Maps("clusters"))
            {
                var service = map.String("service", required: true) ?? "";
                names.Add(service, map.Child("service"));
                var component = map.String("component") ?? service;
                var members = new List<HostId>();
                foreach (var (pattern, path) in map.Strings("members", required: true))
                {
                    var (expanded, error) = HostRange.Expand(pattern);
                    if (error is not null) file.ErrorAt(DiagnosticCodes.BadHostRange, error, path);
                    members.AddRange(expanded.Select(n => new HostId(n)));
                }
                if (members.Count == 0 && map.Has("members"))
                {
                    file.ErrorAt(DiagnosticCodes.MissingKey, $"cluster '{service}' has no members; expected at least one host", map.Child("members"));
                }
                var quorum = map.Choice("quorum", QuorumNames) ?? QuorumRule.Majority;
                var serves = map.Strings("serves").Select(s => s.Value).ToImmutableArray();
                map.Finish();
                clusters.Add(new ControlCluster(service, component, [.. members], quorum, serves));
            }
            return clusters;
        }
    }
}
