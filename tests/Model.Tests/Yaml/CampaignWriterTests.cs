using Escalator.Model.Campaigns;
using Escalator.Model.Tests.Generation;
using Escalator.Model.Yaml;

namespace Escalator.Model.Tests.Yaml;

public sealed class CampaignWriterTests
{
    public static TheoryData<string> ScenarioCampaigns =>
        [.. ScenarioFiles.All().Where(f => File.ReadAllText(ScenarioFiles.Path(f)).Contains("\nstages:", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(ScenarioCampaigns))]
    public void Write_ScenarioCampaign_ReadsBackEqual(string file)
    {
        var loaded = CampaignLoader.LoadFile(ScenarioFiles.Path(file));
        Assert.True(loaded.Ok, string.Join('\n', loaded.Diagnostics));

        var (text, _) = RoundTrip.Campaign(loaded.Value!, file);

        Assert.Contains("procedures:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HaRollingComputes_SpellsLimitsAndStepsAsWritten()
    {
        var campaign = CampaignLoader.LoadFile(ScenarioFiles.Path("scenarios/ha/rolling-computes.yaml")).Value!;

        var text = CampaignWriter.Write(campaign);

        Assert.Contains("rolling: {maxUnavailable: 1}", text, StringComparison.Ordinal);
        Assert.Contains("{action: evacuate, expected: 30s, timeout: 15m, onTimeout: fall-back, mode: live, fallback: cold}", text, StringComparison.Ordinal);
        Assert.Contains("{action: notify, expected: 5s, timeout: 20s, onTimeout: skip, event: PREPARE_MAINTENANCE, waitReply: true}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DefaultSimulation_NoSection()
    {
        var campaign = CampaignLoader.LoadFile(ScenarioFiles.Path("scenarios/minimal/rolling-computes.yaml")).Value!;

        var text = CampaignWriter.Write(campaign with { Simulation = SimulationSettings.Default with { } });

        Assert.DoesNotContain("simulation", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SimulationDifferingInSomeFields_WritesOnlyThoseAndReadsBackEqual()
    {
        var minimal = CampaignLoader.LoadFile(ScenarioFiles.Path("scenarios/minimal/rolling-computes.yaml")).Value!;
        var d = SimulationSettings.Default;
        var campaign = minimal with
        {
            Simulation = d with
            {
                Durations = d.Durations with { Distribution = DurationDistribution.Fixed },
                LiveMigration = d.LiveMigration with { MaxDowntimeSeconds = 0.3, OnNonConvergence = NonConvergence.PostCopy },
                Faults = d.Faults with { VnfmSilent = 0.01 },
                StateGiB = 40,
            },
        };

        var (text, _) = RoundTrip.Campaign(campaign, "minimal with some simulation settings");

        Assert.EndsWith("""

            simulation:
              durations: {distribution: fixed}
              liveMigration: {maxDowntime: 300ms, onNonConvergence: post-copy}
              faults: {vnfmSilent: 0.01}
              stateGiB: 40

            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GeneratedCampaigns_RoundTripLosslessly()
    {
        Properties.Check(ScenarioCase.Small(maxHosts: 400), 30, c =>
        {
            var (_, campaign) = c.Generate();

            RoundTrip.Campaign(campaign, c.ToString());
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Write_RandomCampaigns_RoundTripLosslessly()
    {
        Properties.Check(Properties.Seeds, 300, seed =>
        {
            var campaign = RandomCampaigns.Next(new Random(seed));

            RoundTrip.Campaign(campaign, $"RandomCampaigns.Next(new Random({seed}))");
        }, ModelProperties.YamlReplay);
    }

    [Fact]
    public void Write_StepOnlyPlansUse_Throws()
    {
        var campaign = CampaignLoader.LoadFile(ScenarioFiles.Path("scenarios/ha/rolling-computes.yaml")).Value!;
        var procedure = campaign.Procedures[0];
        var odd = campaign with { Procedures = [procedure with { Steps = procedure.Steps.Add(new ProcedureStep(StepAction.Cutover, 1, 2, ExpiryPolicy.Abort)) }] };

        var error = Assert.Throws<ArgumentException>(() => CampaignWriter.Write(odd));

        Assert.Contains("Cutover", error.Message, StringComparison.Ordinal);
    }
}
