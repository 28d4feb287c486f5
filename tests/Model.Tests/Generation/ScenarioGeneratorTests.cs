using Escalator.Model.Tests.Yaml;
using System.Diagnostics;
using Escalator.Model.Campaigns;
using Escalator.Model.Generation;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;
using Xunit.Abstractions;

namespace Escalator.Model.Tests.Generation;

public sealed class ScenarioGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void Generate_SameSeed_GivesTheSameScenario()
    {
        var first = ScenarioGenerator.Generate(300, 500, 42);

        var second = ScenarioGenerator.Generate(300, 500, 42);

        ModelText.AssertEqual(first.Topology, second.Topology, "topology, seed 42");
        ModelText.AssertEqual(first.Campaign, second.Campaign, "campaign, seed 42");
    }

    [Fact]
    public void Generate_OtherSeed_PlacesDifferently()
    {
        var first = ScenarioGenerator.Generate(300, 500, 42).Topology;

        var second = ScenarioGenerator.Generate(300, 500, 43).Topology;

        static string Placement(DataCentre dc) => string.Join(' ', dc.Vnfs.SelectMany(v => v.Instances).Select(x => x.Host.Name));
        Assert.NotEqual(Placement(first), Placement(second));
    }

    [Fact]
    public void Generate_AnyArguments_HasTheCountsAskedFor()
    {
        Properties.Check(ScenarioCase.Small(maxHosts: 300), 100, c =>
        {
            var (dc, _) = c.Generate();

            Assert.Equal(c.Hosts, dc.Hosts.Length);
            Assert.Equal(c.Vnfs, dc.Vnfs.Length);
            Assert.Equal(ScenarioGenerator.ControlHosts, dc.Hosts.Count(h => h.Roles.HasFlag(HostRoles.Control)));
            Assert.Equal(c.Hosts - ScenarioGenerator.ControlHosts, dc.Hosts.Count(h => h.Roles == HostRoles.Compute));
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Generate_AnyArguments_LoadsAndValidatesWithoutDiagnostics()
    {
        Properties.Check(ScenarioCase.Small(maxHosts: 200), 40, c =>
        {
            var (dc, campaign) = c.Generate();

            AssertValid(dc, campaign, c.ToString());
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Generate_AnyArguments_KeepsAntiAffinity()
    {
        Properties.Check(ScenarioCase.Small(maxHosts: 300), 100, c =>
        {
            var (dc, _) = c.Generate();

            var hosts = dc.Hosts.ToDictionary(h => h.Id);
            foreach (var vnf in dc.Vnfs.Where(v => v.AntiAffinity != AntiAffinity.None))
            {
                var domains = vnf.Instances.Select(x => FaultDomain.Of(hosts[x.Host], vnf.AntiAffinity)).ToList();
                Assert.True(domains.Distinct().Count() == domains.Count,
                    $"{c}: {vnf.Id} ({vnf.AntiAffinity} anti-affinity) has two instances in one domain: {string.Join(", ", domains)}");
            }
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Generate_AnyArguments_LeavesHeadroomOnEveryHost()
    {
        Properties.Check(ScenarioCase.Small(maxHosts: 300), 100, c =>
        {
            var (dc, _) = c.Generate();

            var index = new TopologyIndex(dc);
            foreach (var host in dc.Hosts)
            {
                var on = index.InstancesOn(host.Id);
                var c2 = host.Capacity;
                Assert.True(on.IsEmpty || host.Roles.HasFlag(HostRoles.Compute), $"{c}: {host.Id} is not a compute but carries VMs");
                Assert.True(on.Sum(x => x.Flavor.RamGiB) <= ScenarioGenerator.Headroom * c2.AllocatableRamGiB + 1e-9, $"{c}: {host.Id} uses more than the headroom allows of its RAM");
                Assert.True(on.Sum(x => x.Flavor.Vcpu) <= ScenarioGenerator.Headroom * c2.AllocatableVcpu + 1e-9, $"{c}: {host.Id} uses more than the headroom allows of its vCPUs");
                Assert.True(on.Sum(x => x.Flavor.DiskGiB) <= ScenarioGenerator.Headroom * c2.AllocatableDiskGiB + 1e-9, $"{c}: {host.Id} uses more than the headroom allows of its disk");
            }
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Generate_ThousandHosts_HasAboutTenThousandInstancesOfEveryModel()
    {
        var (dc, _) = ScenarioGenerator.Generate(1000, 2000, 1);

        Assert.InRange(dc.Vnfs.Sum(v => v.Instances.Length), 8000, 12000);
        Assert.All(Enum.GetValues<RedundancyModel>(), m => Assert.Contains(dc.Vnfs, v => v.Redundancy.Model == m));
        Assert.Contains(dc.Vnfs, v => v.Redundancy.Model == RedundancyModel.Quorum && v.Instances.Length == 5);
        Assert.Contains(dc.Vnfs, v => v.Redundancy.Model == RedundancyModel.Quorum && v.Instances.Length == 3);
    }

    [Fact]
    public void Generate_ThousandHosts_LaysOutRacksZonesAndSites()
    {
        var (dc, _) = ScenarioGenerator.Generate(1000, 0, 1);

        var racks = dc.Sites.SelectMany(s => s.Zones).SelectMany(z => z.Racks).ToList();
        Assert.Equal(50, racks.Count);
        Assert.All(dc.Hosts.GroupBy(h => h.Rack), r => Assert.Equal(20, r.Count()));
        Assert.All(dc.Sites.SelectMany(s => s.Zones), z => Assert.Equal(10, z.Racks.Length));
        Assert.Single(dc.Sites);
        Assert.Equal(["ctl-1", "ctl-2", "ctl-3"], dc.Clusters.Single(c => c.Service == "galera").Members.Select(m => m.Name));
    }

    [Fact]
    public void Generate_FiveThousandHosts_IsFastAndValid()
    {
        var clock = Stopwatch.StartNew();
        var (dc, campaign) = ScenarioGenerator.Generate(5000, 10_000, 1);
        var generated = clock.Elapsed;
        var topology = TopologyWriter.Write(dc);
        var written = clock.Elapsed - generated;
        output.WriteLine($"Generate(5000, 10000, 1): {generated.TotalMilliseconds:F0} ms; writing: {written.TotalMilliseconds:F0} ms, "
            + $"{topology.Length / 1024} KiB, {dc.Vnfs.Sum(v => v.Instances.Length)} instances");

        Assert.Equal(5, dc.Sites.Length);
        Assert.True(generated < TimeSpan.FromSeconds(5), $"generating took {generated}");
        AssertValid(dc, campaign, "Generate(5000, 10000, 1)");
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(8, 41)]
    [InlineData(100, -1)]
    public void Generate_ArgumentsOutOfRange_Throws(int hosts, int vnfs)
    {
        Action call = () => ScenarioGenerator.Generate(hosts, vnfs, 1);

        Assert.Throws<ArgumentOutOfRangeException>(call);
    }

    private static void AssertValid(DataCentre dc, Campaign campaign, string context)
    {
        var topologyText = TopologyWriter.Write(dc);
        var topology = TopologyLoader.Parse("topology.yaml", topologyText);
        RoundTrip.AssertClean(topology.Diagnostics, topologyText, $"{context}, topology", warningsAllowed: false);
        var campaignText = CampaignWriter.Write(campaign);
        var loaded = CampaignLoader.Parse("rolling-computes.yaml", campaignText);
        RoundTrip.AssertClean(loaded.Diagnostics, campaignText, $"{context}, campaign", warningsAllowed: false);
        var validation = CampaignValidator.Validate(loaded.Value!, loaded.Sources, topology.Value!);
        RoundTrip.AssertClean(validation, campaignText, $"{context}, validation", warningsAllowed: false);
    }
}
