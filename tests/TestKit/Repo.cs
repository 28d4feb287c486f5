using System.Reflection;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

/// <summary>Files of the repository, whose root the build records in the test assembly, and its bundled scenarios.</summary>
public static class Repo
{
    public static string Root { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Every campaign under <c>scenarios/</c> outside <c>broken/</c>, relative to <c>scenarios/</c>, in order.</summary>
    public static IEnumerable<string> ScenarioCampaigns() =>
        Directory.EnumerateFiles(Path("scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path("scenarios"), f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("broken/", StringComparison.Ordinal) && !System.IO.Path.GetFileName(f).StartsWith("topology", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>A campaign under <c>scenarios/</c> and the topology it names.</summary>
    public static (DataCentre Topology, Campaign Campaign) Scenario(string relative)
    {
        var file = Path("scenarios", relative);
        var campaign = CampaignLoader.LoadFile(file);
        Assert.True(campaign.Ok, $"{relative} does not load: {string.Join("; ", campaign.Diagnostics)}");
        var topology = TopologyLoader.LoadFile(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, campaign.Value!.Topology!));
        Assert.True(topology.Ok, $"the topology of {relative} does not load: {string.Join("; ", topology.Diagnostics)}");
        return (topology.Value!, campaign.Value);
    }
}
