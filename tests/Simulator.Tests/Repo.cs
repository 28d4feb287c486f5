using System.Reflection;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Simulator.Tests;

/// <summary>Files of the repository, whose root the build records in the test assembly, and its bundled scenarios.</summary>
internal static class Repo
{
    public static string Root { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A campaign under <c>scenarios/</c>, the topology it names, and its plan.</summary>
    public static (Escalator.Model.Topology.DataCentre Topology, Campaign Campaign, Plan Plan) Scenario(string relative)
    {
        var file = Path("scenarios", relative);
        var campaign = CampaignLoader.LoadFile(file);
        Assert.True(campaign.Ok, $"{relative} does not load: {string.Join("; ", campaign.Diagnostics)}");
        var topology = TopologyLoader.LoadFile(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, campaign.Value!.Topology!));
        Assert.True(topology.Ok, $"the topology of {relative} does not load: {string.Join("; ", topology.Diagnostics)}");
        return (topology.Value!, campaign.Value, PlanExpander.Expand(campaign.Value, topology.Value!));
    }
}
