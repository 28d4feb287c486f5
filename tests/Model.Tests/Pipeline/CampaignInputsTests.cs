using Escalator.Model.Diagnostics;
using Escalator.Model.Pipeline;
using Escalator.Model.Plans;

namespace Escalator.Model.Tests.Pipeline;

public sealed class CampaignInputsTests
{
    private static readonly string Topology = Repo.Path("scenarios", "ha", "topology.yaml");
    private static readonly string Campaign = Repo.Path("scenarios", "ha", "rolling-computes.yaml");

    [Fact]
    public void Load_TopologyAndCampaign_CleanWithTheCampaignsSources()
    {
        var inputs = CampaignInputs.Load([Topology, Campaign], campaignRequired: true);

        Assert.True(inputs.CanExpand);
        Assert.Equal(("ha", "rolling-computes"), (inputs.Topology!.Name, inputs.Campaign!.Name));
        Assert.Equal(Campaign, inputs.CampaignSources.File);
    }

    [Fact]
    public void Load_CampaignNamingItsTopology_SameAsBothGiven()
    {
        var both = CampaignInputs.Load([Topology, Campaign], campaignRequired: true).Expand();

        var alone = CampaignInputs.Load([Campaign], campaignRequired: true).Expand();

        Assert.Equal((both.Topology.Name, both.Topology.Hosts.Length), (alone.Topology.Name, alone.Topology.Hosts.Length));
        Assert.Equal(PlanJson.Write(both.Plan), PlanJson.Write(alone.Plan));
    }

    [Fact]
    public void Load_TopologyAloneWhenACampaignIsRequired_SaysToNameOne()
    {
        var inputs = CampaignInputs.Load([Topology], campaignRequired: true);

        Assert.False(inputs.Ok);
        var usage = Assert.Single(inputs.Diagnostics);
        Assert.Equal((DiagnosticCodes.FileNotFound, $"'{Topology}' is a topology; name a campaign after it: TOPOLOGY CAMPAIGN"), (usage.Code, usage.Message));
    }

    [Fact]
    public void Load_TopologyAloneWhenNoCampaignIsRequired_OkWithoutACampaign()
    {
        var inputs = CampaignInputs.Load([Topology], campaignRequired: false);

        Assert.True(inputs.Ok);
        Assert.False(inputs.CanExpand);
        Assert.Null(inputs.Campaign);
    }

    [Fact]
    public void FromText_CampaignSelectingNothing_ValidatedAgainstTheTopologyAndNamedAsGiven()
    {
        var campaign = File.ReadAllText(Campaign).Replace("scope: {roles: [compute]}", "scope: {roles: [storage]}", StringComparison.Ordinal);

        var inputs = CampaignInputs.FromText("topology", File.ReadAllText(Topology), "campaign", campaign);

        Assert.False(inputs.CanExpand);
        var error = Assert.Single(inputs.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(("campaign", DiagnosticCodes.SelectorMatchesNothing), (error.Location?.File, error.Code));
    }

    [Fact]
    public void Expand_InputsWithErrors_ThrowsSayingWhy()
    {
        var inputs = CampaignInputs.Load([Topology], campaignRequired: true);

        var e = Assert.Throws<InvalidOperationException>(inputs.Expand);

        Assert.Equal("only clean inputs with a campaign expand; these have 1 error(s), no topology and no campaign", e.Message);
    }
}
