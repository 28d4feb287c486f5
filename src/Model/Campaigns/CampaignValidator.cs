using System.Collections.Immutable;
using Escalator.Model.Diagnostics;
using Escalator.Model.Topology;

namespace Escalator.Model.Campaigns;

/// <summary>Checks a campaign against a topology: selectors that name unknown places or match nothing, stages that
/// overlap, versions that go backwards, clusters the campaign names that do not exist.</summary>
public static class CampaignValidator
{
    public static ImmutableArray<Diagnostic> Validate(Campaign campaign, SourceMap sources, DataCentre dc)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(dc);
        var bag = new DiagnosticBag();
        void Error(string code, string message, string path) => bag.Error(code, message, sources.Locate(path), path);

        var claimed = new Dictionary<(HostId, string), string>();
        for (var i = 0; i < campaign.Stages.Length; i++)
        {
            var stage = campaign.Stages[i];
            var path = $"stages[{i}]";
            CheckPlaces(stage.Scope, dc, $"{path}.scope", Error);
            var selection = StageSelection.Of(campaign, stage, dc);
            if (selection.Matched.IsEmpty)
            {
                Error(DiagnosticCodes.SelectorMatchesNothing, $"stage '{stage.Name}' selects no host: no host has {Describe(stage.Scope)}", $"{path}.scope");
            }
            else if (selection.Hosts.IsEmpty && selection.UpToDate.IsEmpty && !selection.Components.IsEmpty)
            {
                Error(DiagnosticCodes.SelectorMatchesNothing,
                    $"stage '{stage.Name}' selects {selection.Matched.Length} host(s) ({Sample(selection.Matched)}), but none runs {string.Join(" or ", selection.Components)}",
                    $"{path}.scope");
            }
            CheckOverlap(stage, selection, claimed, path, Error);
            CheckDowngrades(campaign, selection, Error);
            CheckStrategy(stage, selection, dc, path, Error);
        }
        return [.. bag.Sorted()];
    }

    /// <summary>Each component is upgraded on a host by one stage only; reports the first host two stages share.</summary>
    private static void CheckOverlap(Stage stage, StageSelection selection, Dictionary<(HostId, string), string> claimed, string path,
        Action<string, string, string> error)
    {
        foreach (var host in selection.Hosts)
        {
            foreach (var component in selection.Components.Where(host.Runs))
            {
                if (claimed.TryAdd((host.Id, component), stage.Name)) continue;
                error(DiagnosticCodes.StageOverlap,
                    $"stages '{claimed[(host.Id, component)]}' and '{stage.Name}' both upgrade {component} on {host.Id}; a host is upgraded once per component",
                    $"{path}.scope");
                return;
            }
        }
    }

    /// <summary>A campaign never downgrades: no selected host may run a component newer than its target.</summary>
    private static void CheckDowngrades(Campaign campaign, StageSelection selection, Action<string, string, string> error)
    {
        foreach (var component in selection.Components)
        {
            // A target whose version did not parse is absent here; the loader has reported it.
            if (!campaign.Targets.TryGetValue(component, out var target)) continue;
            var newer = selection.Matched.Where(h => h.Software.TryGetValue(component, out var v) && v > target).ToList();
            if (newer.Count == 0) continue;
            error(DiagnosticCodes.Inconsistent,
                $"{Sample([.. newer])} run{(newer.Count == 1 ? "s" : "")} {component} {newer[0].Software[component]}, newer than the target {target}; a campaign does not downgrade",
                $"targets.{component}");
        }
    }

    private static void CheckStrategy(Stage stage, StageSelection selection, DataCentre dc, string path, Action<string, string, string> error)
    {
        switch (stage.Strategy)
        {
            case CanaryStrategy canary when canary.FirstWave > selection.Hosts.Length && !selection.Hosts.IsEmpty:
                error(DiagnosticCodes.Inconsistent,
                    $"the canary wave of {canary.FirstWave} hosts is larger than the {selection.Hosts.Length} host(s) stage '{stage.Name}' upgrades",
                    $"{path}.strategy.canary.firstWave");
                break;
            case ParallelUniverseStrategy universe:
                CheckPlaces(universe.Spares, dc, $"{path}.strategy.parallelUniverse.spares", (c, m, p) => error(c, m, p));
                var spares = dc.Hosts.Where(universe.Spares.Matches).ToList();
                if (spares.Count == 0)
                {
                    error(DiagnosticCodes.SelectorMatchesNothing,
                        $"the parallel universe of stage '{stage.Name}' has no spare host: no host has {Describe(universe.Spares)}",
                        $"{path}.strategy.parallelUniverse.spares");
                }
                var both = spares.Where(s => selection.Matched.Any(h => h.Id == s.Id)).Select(h => h.Id.Name).ToList();
                if (both.Count > 0)
                {
                    error(DiagnosticCodes.StageOverlap,
                        $"hosts {string.Join(", ", both.Take(5))} are both spares and hosts to retire in stage '{stage.Name}'",
                        $"{path}.strategy.parallelUniverse.spares");
                }
                var clusters = dc.Clusters.Select(c => c.Service).ToList();
                for (var i = 0; i < universe.CutoverServices.Length; i++)
                {
                    var service = universe.CutoverServices[i];
                    if (!clusters.Contains(service))
                    {
                        error(DiagnosticCodes.UnknownReference,
                            $"the topology has no cluster for the service '{service}'{Suggestions.Hint(service, clusters)}",
                            universe.CutoverServices.Length == 1 ? $"{path}.strategy.parallelUniverse.cutoverServices" : $"{path}.strategy.parallelUniverse.cutoverServices[{i}]");
                    }
                }
                var occupied = spares.Where(s => dc.Vnfs.Any(v => v.Instances.Any(x => x.Host == s.Id))).Select(h => h.Id.Name).ToList();
                if (occupied.Count > 0)
                {
                    error(DiagnosticCodes.Inconsistent,
                        $"spare hosts must be empty before the new universe is built on them; {string.Join(", ", occupied.Take(5))} carry instances",
                        $"{path}.strategy.parallelUniverse.spares");
                }
                break;
        }
    }

    private static void CheckPlaces(Selector selector, DataCentre dc, string path, Action<string, string, string> error)
    {
        var sites = dc.Sites.Select(s => s.Name).ToList();
        var zones = dc.Sites.SelectMany(s => s.Zones).Select(z => z.Name).ToList();
        var racks = dc.Sites.SelectMany(s => s.Zones).SelectMany(z => z.Racks).ToList();
        var labels = dc.Hosts.SelectMany(h => h.Labels.Keys).Distinct().ToList();
        Check(selector.Sites, sites, "sites", "site");
        Check(selector.Zones, zones, "zones", "zone");
        Check(selector.Racks, racks, "racks", "rack");
        foreach (var key in selector.Labels.Keys.Where(k => !labels.Contains(k)))
        {
            error(DiagnosticCodes.UnknownReference, $"no host has a label '{key}'{Suggestions.Hint(key, labels)}", $"{path}.labels.{key}");
        }

        void Check(ImmutableArray<string> given, List<string> known, string key, string kind)
        {
            for (var i = 0; i < given.Length; i++)
            {
                if (!known.Contains(given[i]))
                {
                    error(DiagnosticCodes.UnknownReference, $"the topology has no {kind} named '{given[i]}'{Suggestions.Hint(given[i], known)}",
                        given.Length == 1 ? $"{path}.{key}" : $"{path}.{key}[{i}]");
                }
            }
        }
    }

    internal static string Describe(Selector s)
    {
        var parts = new List<string>();
        if (s.Roles != HostRoles.None) parts.Add($"the role {s.Roles.ToString().ToLowerInvariant().Replace(", ", " or ", StringComparison.Ordinal)}");
        parts.AddRange(s.Labels.Select(l => $"the label {l.Key}={l.Value}"));
        if (!s.Sites.IsEmpty) parts.Add($"a place in site {string.Join(" or ", s.Sites)}");
        if (!s.Zones.IsEmpty) parts.Add($"a place in zone {string.Join(" or ", s.Zones)}");
        if (!s.Racks.IsEmpty) parts.Add($"a place in rack {string.Join(" or ", s.Racks)}");
        return parts.Count == 0 ? "anything" : string.Join(" and ", parts);
    }

    private static string Sample(ImmutableArray<Host> hosts) =>
        string.Join(", ", hosts.Take(3).Select(h => h.Id.Name)) + (hosts.Length > 3 ? ", …" : "");
}
