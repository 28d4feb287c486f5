using System.Collections.Immutable;
using Escalator.Model.Diagnostics;
using Escalator.Model.Software;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.Model.Campaigns;

/// <summary>Reads a campaign file into a <see cref="Campaign"/>, reporting every problem with its position.</summary>
/// <remarks>Checks what the campaign says of itself (references between its parts, stage cycles, versions, bounded waits).
/// What it says of a topology is checked by <see cref="CampaignValidator"/>.</remarks>
public static partial class CampaignLoader
{
    internal static readonly string[] RootKeys = ["name", "description", "topology", "targets", "components", "stages", "procedures", "recovery", "checks", "moveOnce", "resilience", "simulation"];

    public static Loaded<Campaign> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FileText.Read(path, out var text, out var missing) ? Parse(path, text) : new(null, [missing!], SourceMap.Empty);
    }

    public static Loaded<Campaign> Parse(string fileName, string text)
    {
        var bag = new DiagnosticBag();
        var (file, root) = YamlFile.Parse(fileName, text, bag, RootKeys);
        if (root is null)
        {
            return new(null, [.. bag.Sorted()], file.Sources);
        }
        var campaign = new Reader(file).Read(root);
        return new(campaign, [.. bag.Sorted()], file.Sources);
    }

    private sealed partial class Reader(YamlFile file)
    {
        /// <summary>Every target named, also those whose version is malformed, so references to them are not reported twice.</summary>
        private readonly HashSet<string> _targetNames = new(StringComparer.Ordinal);

        public Campaign Read(YamlMap root)
        {
            var name = root.String("name", required: true) ?? "";
            var description = root.String("description");
            var topology = root.String("topology");
            var targets = ReadTargets(root);
            var components = ReadComponents(root);
            var checks = ReadChecks(root);
            var procedures = ReadProcedures(root);
            var stages = ReadStages(root);
            var recovery = ReadRecovery(root);
            var moveOnce = root.Bool("moveOnce") ?? true;
            var resilience = ReadResilience(root.Map("resilience"));
            var simulation = ReadSimulation(root);
            root.Finish();
            var campaign = new Campaign(name, description, topology, targets, [.. components], [.. stages], [.. procedures], recovery, [.. checks])
            {
                Simulation = simulation,
                MoveOnce = moveOnce,
                Resilience = resilience,
            };
            CheckReferences(campaign);
            return campaign;
        }

        /// <summary><c>resilience: {hostFailures: K, migrationFallbacks: K, rollbacks: K}</c>, each a count, 0 by default.</summary>
        private static Semantics.Resilience ReadResilience(YamlMap? map)
        {
            if (map is null) return Semantics.Resilience.None;
            int Count(string key) => map.Int(key, min: 0) ?? 0;
            var resilience = new Semantics.Resilience(Count("hostFailures"), Count("migrationFallbacks"), Count("rollbacks"));
            map.Finish();
            return resilience;
        }

        private ImmutableSortedDictionary<string, SemVersion> ReadTargets(YamlMap root)
        {
            var targets = ImmutableSortedDictionary.CreateBuilder<string, SemVersion>(StringComparer.Ordinal);
            if (!root.Has("targets"))
            {
                root.Raw("targets", required: true, "component: version pairs");
                return targets.ToImmutable();
            }
            foreach (var (component, text, path) in root.StringMap("targets"))
            {
                _targetNames.Add(component);
                if (Versions.Parse(file, text, path) is { } v) targets[component] = v;
            }
            return targets.ToImmutable();
        }

        private List<Component> ReadComponents(YamlMap root)
        {
            var components = new List<Component>();
            var names = new Names(file, "component");
            foreach (var map in root.Maps("components"))
            {
                var name = map.String("name", required: true) ?? "";
                names.Add(name, map.Child("name"));
                var dependsOn = map.Strings("dependsOn").Select(s => s.Value).ToImmutableArray();
                var talksTo = new List<Compatibility>();
                foreach (var talk in map.Maps("talksTo"))
                {
                    var peer = talk.String("component", required: true) ?? "";
                    var window = talk.Map("peerMajorAhead", required: true);
                    var min = window?.Int("min", required: true) ?? 0;
                    var max = window?.Int("max", required: true) ?? 0;
                    window?.Finish();
                    talk.Finish();
                    if (min > max)
                    {
                        file.ErrorAt(DiagnosticCodes.Inconsistent, $"the window runs backwards: min {min} is above max {max}", talk.Child("peerMajorAhead"));
                    }
                    talksTo.Add(new Compatibility(peer, min, max));
                }
                var impact = ReadImpact(map.Map("impact"));
                map.Finish();
                components.Add(new Component(name, dependsOn, [.. talksTo], impact));
            }
            return components;
        }

        private static UpgradeImpact ReadImpact(YamlMap? map)
        {
            if (map is null) return UpgradeImpact.Light;
            var impact = new UpgradeImpact(
                map.Bool("rebootHost") ?? false,
                map.Bool("evacuate") ?? false,
                map.String("functionLost"),
                map.Duration("lostFor") ?? 0,
                [.. map.Strings("backup").Select(s => s.Value)],
                map.Duration("restore") ?? 0);
            map.Finish();
            return impact;
        }

        private List<HealthCheck> ReadChecks(YamlMap root)
        {
            var checks = new List<HealthCheck>();
            var map = root.Map("checks");
            if (map is null) return checks;
            foreach (var name in map.Keys.ToList())
            {
                var check = map.Map(name);
                if (check is null) continue;
                var command = check.String("command");
                var url = check.String("url");
                var status = check.Int("expectStatus", min: 100) ?? 200;
                var timeout = check.Duration("timeout");
                check.Finish();
                if ((command is null) == (url is null))
                {
                    file.ErrorAt(DiagnosticCodes.Inconsistent, $"check '{name}' needs either command or url; found {(command is null ? "neither" : "both")}", check.Path);
                }
                if (timeout is null or 0)
                {
                    file.ErrorAt(DiagnosticCodes.UnboundedWait,
                        $"check '{name}' has no timeout; every wait must be bounded (add, for example, timeout: 30s)", check.Path);
                }
                checks.Add(new HealthCheck(name, command, url, status, timeout ?? 0));
            }
            map.Finish();
            return checks;
        }

        private static RecoveryPolicy ReadRecovery(YamlMap root)
        {
            var map = root.Map("recovery");
            if (map is null) return RecoveryPolicy.Default;
            var policy = new RecoveryPolicy(
                map.Int("retries", min: 0) ?? RecoveryPolicy.Default.Retries,
                map.Choice("rollback", RollbackNames) ?? RecoveryPolicy.Default.Rollback,
                map.Int("maxFailures", min: 1) ?? RecoveryPolicy.Default.MaxFailures);
            map.Finish();
            return policy;
        }

        private Selector ReadSelector(YamlMap map)
        {
            var roles = HostRoles.None;
            foreach (var (value, path) in map.Strings("roles"))
            {
                if (TopologyLoader.RoleNames.TryGetValue(value, out var role)) roles |= role;
                else file.ErrorAt(DiagnosticCodes.BadValue,
                    $"expected one of {string.Join(", ", TopologyLoader.RoleNames.Keys)}; found '{value}'{Suggestions.Hint(value, TopologyLoader.RoleNames.Keys)}", path);
            }
            var labels = map.StringMap("labels").ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
            var selector = new Selector(roles, labels,
                [.. map.Strings("sites").Select(s => s.Value)],
                [.. map.Strings("zones").Select(s => s.Value)],
                [.. map.Strings("racks").Select(s => s.Value)]);
            // Raw, not Has, so that the diagnostic points at the list of names rather than at the whole scope.
            if (map.Raw("hosts") is not null)
            {
                file.ErrorAt(DiagnosticCodes.BadValue,
                    "a scope selects hosts by roles, labels, racks, zones and sites, never by name, so the campaign fits the topology of the moment; give the hosts a label instead",
                    map.Child("hosts"));
            }
            map.Finish();
            return selector;
        }
    }
}
