using System.Collections.Immutable;
using Escalator.Model.Topology;

namespace Escalator.Model.Campaigns;

/// <summary>The hosts a stage works on, resolved against a topology.</summary>
/// <param name="Components">The components the stage upgrades (its own list, or all the campaign's targets).</param>
/// <param name="Matched">Every host the scope matches.</param>
/// <param name="Hosts">The matched hosts that run one of the components below its target: the stage upgrades each once.</param>
/// <param name="UpToDate">The matched hosts whose components are all at their targets already.</param>
public sealed record StageSelection(ImmutableArray<string> Components, ImmutableArray<Host> Matched, ImmutableArray<Host> Hosts, ImmutableArray<Host> UpToDate)
{
    public static StageSelection Of(Campaign campaign, Stage stage, DataCentre dc)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(dc);
        var components = stage.Components.IsEmpty ? [.. campaign.Targets.Keys] : stage.Components;
        var matched = dc.Hosts.Where(stage.Scope.Matches).ToImmutableArray();
        var running = matched.Where(h => components.Any(h.Runs)).ToList();
        bool Behind(Host h) => components.Any(c => h.Software.TryGetValue(c, out var v) && campaign.Targets.TryGetValue(c, out var t) && v < t);
        return new StageSelection(components, matched, [.. running.Where(Behind)], [.. running.Where(h => !Behind(h))]);
    }

    /// <summary>The components this stage upgrades on a host, with their installed and target versions.</summary>
    public IEnumerable<string> UpgradesOn(Host host, Campaign campaign) =>
        Components.Where(c => host.Software.TryGetValue(c, out var v) && campaign.Targets.TryGetValue(c, out var t) && v < t);
}
