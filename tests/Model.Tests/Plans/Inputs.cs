using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Tests.Diagnostics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Plans;

/// <summary>Loads inline YAML that a test means to be clean, failing with the diagnostics when it is not.</summary>
internal static class Inputs
{
    public static DataCentre Topology(string text)
    {
        var loaded = TopologyLoader.Parse("topology.yaml", text);
        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        return loaded.Value!;
    }

    public static Campaign Campaign(string text, DataCentre dc)
    {
        var loaded = CampaignLoader.Parse("campaign.yaml", text);
        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        var validation = CampaignValidator.Validate(loaded.Value!, loaded.Sources, dc);
        Assert.False(validation.Any(d => d.Severity == Severity.Error), Expect.List(validation));
        return loaded.Value!;
    }

    public static Plan Expand(string topology, string campaign)
    {
        var dc = Topology(topology);
        return PlanExpander.Expand(Campaign(campaign, dc), dc);
    }

    /// <summary>The hosts of each wave, as names, for comparing with what a rule predicts.</summary>
    public static string[][] WaveHosts(this Plan plan) => [.. plan.Waves.Select(w => w.Hosts.Select(h => h.Name).ToArray())];

    public static string[] Names(this IEnumerable<HostId> hosts) => [.. hosts.Select(h => h.Name)];

    /// <summary>Every move of the plan, in plan order, with the wave it belongs to.</summary>
    public static IEnumerable<(Wave Wave, Move Move)> Moves(this Plan plan) =>
        plan.Waves.SelectMany(w => w.Steps.SelectMany(s => s.Moves).Select(m => (w, m)));
}
