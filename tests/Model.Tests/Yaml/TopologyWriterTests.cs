using Escalator.Model.Tests.Generation;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.Model.Tests.Yaml;

public sealed class TopologyWriterTests
{
    public static TheoryData<string> ScenarioTopologies =>
        [.. ScenarioFiles.All().Where(f => File.ReadAllText(ScenarioFiles.Path(f)).Contains("\nsites:", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(ScenarioTopologies))]
    public void Write_ScenarioTopology_ReadsBackEqual(string file)
    {
        var loaded = TopologyLoader.LoadFile(ScenarioFiles.Path(file));
        Assert.True(loaded.Ok, string.Join('\n', loaded.Diagnostics));

        var (text, _) = RoundTrip.Topology(loaded.Value!, file, warningsAllowed: true);

        Assert.DoesNotContain("profile", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HaTopology_CompressesTheComputesOfEachRack()
    {
        var dc = TopologyLoader.LoadFile(ScenarioFiles.Path("scenarios/ha/topology.yaml")).Value!;

        var text = TopologyWriter.Write(dc);

        Assert.Contains("name: 'cmp-[01-04]'", text, StringComparison.Ordinal);
        Assert.Contains("name: 'cmp-[09-12]'", text, StringComparison.Ordinal);
        Assert.Contains("members: ['ctl-[1-3]']", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GeneratedTopologies_RoundTripLosslessly()
    {
        Properties.Check(ScenarioCase.Small(maxHosts: 120), 60, c =>
        {
            var (dc, _) = c.Generate();

            RoundTrip.Topology(dc, c.ToString());
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Write_VariedTopologies_RoundTripLosslessly()
    {
        Properties.Check(ScenarioCase.Small(maxHosts: 60), 200, c =>
        {
            var dc = TopologyVariations.Vary(c.Generate().Topology, new Random(c.Seed));

            RoundTrip.Topology(dc, $"{c} varied with seed {c.Seed}", warningsAllowed: true);
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Write_HostDifferingInsideARun_SplitsTheRangeAroundIt()
    {
        var dc = TopologyLoader.LoadFile(ScenarioFiles.Path("scenarios/ha/topology.yaml")).Value!;
        var odd = dc.Hosts.Single(h => h.Id.Name == "cmp-02");
        var varied = dc with { Hosts = dc.Hosts.Replace(odd, odd with { Labels = odd.Labels.Add("gpu", "a100") }) };

        var (text, _) = RoundTrip.Topology(varied, "cmp-02 labelled", warningsAllowed: true);

        Assert.Contains("name: cmp-01,", text, StringComparison.Ordinal);
        Assert.Contains("name: cmp-02, roles: [compute], labels: {gpu: a100}", text, StringComparison.Ordinal);
        Assert.Contains("name: 'cmp-[03-04]'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LargeGeneratedTopology_StaysSmall()
    {
        var (dc, _) = Model.Generation.ScenarioGenerator.Generate(5000, 0, 7);

        var text = TopologyWriter.Write(dc);

        var hostEntries = text.Split('\n').Count(l => l.TrimStart().StartsWith("- {name:", StringComparison.Ordinal));
        Assert.InRange(hostEntries, 250, 256);
        Assert.Contains("name: 'cmp-[0001-0019]'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostInARackTheSitesDoNotList_Throws()
    {
        var dc = TopologyLoader.LoadFile(ScenarioFiles.Path("scenarios/ha/topology.yaml")).Value!;
        var stray = dc with { Hosts = dc.Hosts.Add(dc.Hosts[0] with { Id = new HostId("stray"), Rack = "rack-z" }) };

        var error = Assert.Throws<ArgumentException>(() => TopologyWriter.Write(stray));

        Assert.Contains("'stray'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'rack-z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostNameWithABracket_Throws()
    {
        var dc = TopologyLoader.LoadFile(ScenarioFiles.Path("scenarios/ha/topology.yaml")).Value!;
        var odd = dc with { Hosts = dc.Hosts.SetItem(0, dc.Hosts[0] with { Id = new HostId("ctl[1]") }) };

        var error = Assert.Throws<ArgumentException>(() => TopologyWriter.Write(odd));

        Assert.Contains("'ctl[1]'", error.Message, StringComparison.Ordinal);
    }
}
