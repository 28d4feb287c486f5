using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Tests.Yaml;
using Escalator.Model.Topology;
using Xunit.Abstractions;

namespace Escalator.Model.Tests.Generation;

/// <summary>The laws of <see cref="PlanWorlds"/>: deterministic, valid as a user would write it, small, bounded, fault-free,
/// expandable, and varied (<see cref="Build_400Seeds_CoverEveryFeature"/>).</summary>
public sealed partial class PlanWorldsTests(ITestOutputHelper output)
{
    private const int Cases = 500;

    [Fact]
    public void Build_SameSeed_GivesTheSameWorld()
    {
        Properties.Check(50, seed =>
        {
            var first = PlanWorlds.Build(seed);

            var second = PlanWorlds.Build(seed);

            ModelText.AssertEqual(first.Topology, second.Topology, $"topology of seed {seed}");
            ModelText.AssertEqual(first.Campaign, second.Campaign, $"campaign of seed {seed}");
            Assert.Equal(first.ToString(), second.ToString());
        });
    }

    [Fact]
    public void Build_OtherSeed_GivesAnotherWorld()
    {
        var worlds = Enumerable.Range(0, 20).Select(seed => PlanWorlds.Build(seed).ToString()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(20, worlds.Count);
    }

    [Fact]
    public void Build_AnySeed_ValidatesAgainstItsTopologyWithoutDiagnostics()
    {
        Properties.Check(Cases, seed =>
        {
            var world = PlanWorlds.Build(seed);

            var diagnostics = CampaignValidator.Validate(world.Campaign, SourceMap.Empty, world.Topology);

            Assert.True(diagnostics.IsEmpty, $"{string.Join("\n", diagnostics)}\n{world}");
        });
    }

    [Fact]
    public void Build_AnySeed_RoundTripsThroughYamlAndLoadsCleanly()
    {
        Properties.Check(Cases, seed =>
        {
            var world = PlanWorlds.Build(seed);
            var (topologyText, topology) = RoundTrip.Topology(world.Topology, world.ToString());
            var (campaignText, campaign) = RoundTrip.Campaign(world.Campaign, world.ToString());
            var diagnostics = CampaignValidator.Validate(campaign.Value!, campaign.Sources, topology);

            Assert.True(diagnostics.IsEmpty, $"{string.Join("\n", diagnostics)}\n{world}");
            Assert.Equal((topologyText, campaignText), world.ToYaml());
        });
    }

    [Fact]
    public void Build_AnySeed_ExpandsIntoAPlanThatVisitsEveryStageHost()
    {
        var (noted, gentle) = (0, 0);

        Properties.Check(Cases, seed =>
        {
            var world = PlanWorlds.Build(seed);

            var plan = PlanExpander.Expand(world.Campaign, world.Topology);

            foreach (var stage in plan.Stages)
            {
                var visited = plan.Waves.Where(w => w.Stage == stage.Name).SelectMany(w => w.Hosts).ToHashSet();
                Assert.True(stage.Hosts.All(visited.Contains), $"stage {stage.Name} leaves hosts unvisited\n{world}");
            }
            var notes = plan.Notes.Any(n => n.Code is "ESC-N01" or "ESC-N02");
            Assert.False(world.Gentle && notes, $"a gentle world whose plan leaves VMs behind: {string.Join("; ", plan.Notes)}\n{world}");
            noted += notes ? 1 : 0;
            gentle += world.Gentle ? 1 : 0;
        });

        output.WriteLine($"plans with ESC-N01/N02 notes: {noted} of {Cases}, none of them among the {gentle} gentle worlds");
        Assert.InRange(gentle, Cases / 2, Cases * 4 / 5);
        Assert.InRange(noted, Cases / 20, Cases / 3);
    }

    [Fact]
    public void Build_AnySeed_StaysSmallBoundedAndFaultFree()
    {
        Properties.Check(Cases, seed =>
        {
            var world = PlanWorlds.Build(seed);
            var (dc, campaign) = (world.Topology, world.Campaign);

            Assert.Equal(world.Gentle, world.Mistakes.IsEmpty);
            Assert.InRange(dc.Hosts.Length, 3, PlanWorlds.MaxHosts);
            Assert.InRange(dc.Vnfs.Length, 1, PlanWorlds.MaxVnfs);
            Assert.InRange(campaign.Stages.Length, 1, PlanWorlds.MaxStages);
            Assert.Equal(FaultRates.None, campaign.Simulation.Faults);
            Assert.InRange(campaign.Simulation.Durations.Cv, 0, 0.3);
            Assert.All(campaign.Procedures.SelectMany(p => p.Steps), s => AssertBounded(s.ExpectedSeconds, s.TimeoutSeconds, $"{s.Action}\n{world}"));
            foreach (var u in campaign.Stages.Select(s => s.Strategy).OfType<ParallelUniverseStrategy>())
            {
                AssertBounded(u.Transfer.ExpectedSeconds, u.Transfer.TimeoutSeconds, $"state transfer\n{world}");
                AssertBounded(u.Cutover.ExpectedSeconds, u.Cutover.TimeoutSeconds, $"cut-over\n{world}");
            }
            Assert.All(campaign.Checks, c => Assert.True(c.TimeoutSeconds > 0, $"check {c.Name}\n{world}"));
            Assert.All(dc.Vnfs.Where(v => v.Coordination.Coordinated), v => Assert.True(v.Coordination.ReplyTimeoutSeconds > 0, $"{v.Id}\n{world}"));
            Assert.All(dc.Hosts.Select(h => h.Id.Name).Concat(dc.Vnfs.SelectMany(v => v.Instances).Select(i => i.Id.Name)),
                name => Assert.True(name.Length <= 6, $"the name '{name}' is long\n{world}"));
        });
    }

    [Fact]
    public void ToString_AnySeed_NamesEveryHostInstanceClusterStageAndStep()
    {
        Properties.Check(100, seed =>
        {
            var world = PlanWorlds.Build(seed);

            var text = world.ToString();

            var names = world.Topology.Hosts.Select(h => $"{h.Id} ")
                .Concat(world.Topology.Vnfs.SelectMany(v => v.Instances).Select(i => $"{i.Id}@{i.Host} "))
                .Concat(world.Topology.Clusters.Select(c => $"cluster {c.Service}("))
                .Concat(world.Campaign.Stages.Select(s => $"stage {s.Name} "))
                .Concat(world.Campaign.Components.Select(c => $"component {c.Name} "));
            Assert.All(names, name => Assert.Contains(name, text, StringComparison.Ordinal));
            Assert.All(world.Campaign.Procedures, p => Assert.Equal(p.Steps.Length, text.Split('\n').Single(l => l.StartsWith($"  procedure {p.Name}:", StringComparison.Ordinal)).Split("; ").Length));
        });
    }

    private static void AssertBounded(double expected, double timeout, string context)
    {
        Assert.True(double.IsFinite(timeout) && timeout >= expected && expected > 0, $"expected {expected} s, timeout {timeout} s: {context}");
    }
}
