using Escalator.Model.Plans;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Tests.Verification.Lab;

namespace Escalator.Solver.Tests.Verification;

/// <summary>Fault domains, order, compatibility and bounded waits: F1, stage order (O1) and W1 cannot come out of an
/// expansion, so these plans are edited by hand, as a planner might edit a plan file.</summary>
public sealed partial class InvariantTests
{
    private const string Conductors = """
          - {name: conductors, scope: {roles: [control]}, components: [nova-conductor], procedure: p, strategy: {rolling: {}}}
        """;

    private const string ComputeServices = """
          - {name: computes, scope: {roles: [compute]}, components: [nova-compute], procedure: p, strategy: {rolling: {}}}
        """;

    [Fact]
    public void Verify_TwoWavesOfOneHostMerged_BreaksMaxUnavailable()
    {
        var dc = Topology();
        var campaign = Computes(dc, "{maxUnavailable: 1}", Upgrade);
        var plan = PlanEdits.Merge(PlanExpander.Expand(campaign, dc), 2, 3);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.FaultDomains.Code));
        Assert.Equal((2, "computes"), (violation.Wave, violation.Subject));
        Assert.Contains("cmp-2 and cmp-3 are out together (2); stage computes allows 1 at a time", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MergedWavesWithTwoHostsOfARack_BreaksPerRackLimit()
    {
        var dc = Topology();
        var campaign = Computes(dc, "{maxUnavailable: 5, perRack: 1}", Upgrade);
        var expanded = PlanExpander.Expand(campaign, dc);
        var plan = PlanEdits.Merge(expanded, WaveOf(expanded, "cmp-2"), WaveOf(expanded, "cmp-3"));

        var result = Verify(dc, campaign, plan);

        var violations = AssertOnly(result, Invariant.FaultDomains.Code);
        Assert.Equal([(1, "r2"), (1, "r3")], violations.Select(v => (v.Wave, v.Subject)));
        Assert.Contains("rack r2 has 2 hosts out (cmp-2 and cmp-3); stage computes allows 1 per rack", violations[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_StageRunBeforeTheStageItFollows_BreaksStageOrder()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "galera: 10.1.0, host-os: 13.0.0", """
              - {name: database, scope: {roles: [control]}, components: [galera], procedure: p, strategy: {rolling: {}}}
              - {name: computes, after: [database], scope: {roles: [compute]}, components: [host-os], procedure: p, strategy: {rolling: {}}}
            """, [Upgrade]);
        var plan = PlanEdits.Reorder(PlanExpander.Expand(campaign, dc), "computes", "database");

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Order.Code));
        Assert.Equal((1, "computes", "stages[1].after"), (violation.Wave, violation.Subject, violation.CampaignPath));
        Assert.Contains("stage computes starts in wave 1, before stage database, which it follows, ends (wave 8)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ComponentUpgradedBeforeItsDependency_BreaksOrder()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "nova-conductor: 27.0.0, nova-compute: 27.0.0", ComputeServices + "\n" + Conductors, [Upgrade], """
              - {name: nova-conductor}
              - {name: nova-compute, dependsOn: [nova-conductor]}
            """);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Order.Code));
        Assert.Equal((1, "nova-compute"), (violation.Wave, violation.Subject));
        Assert.Contains("nova-compute is upgraded on cmp-1 while nova-conductor, on which it depends, is still below 27.0.0 on ctl-1, ctl-2 and ctl-3", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ComputeAheadOfTheConductorItTalksTo_BreaksCompatibility()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "nova-conductor: 27.0.0, nova-compute: 27.0.0", ComputeServices + "\n" + Conductors, [Upgrade], """
              - {name: nova-conductor}
              - {name: nova-compute, talksTo: [{component: nova-conductor, peerMajorAhead: {min: 0, max: 1}}]}
            """);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Compatibility.Code));
        Assert.Equal((1, "nova-compute"), (violation.Wave, violation.Subject));
        Assert.Contains("nova-compute 27.0.0 (cmp-1) talks to nova-conductor 26.0.0 (ctl-1, ctl-2 and ctl-3); nova-conductor may be 0 to 1 majors ahead of nova-compute, it is 1 behind",
            violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ConductorsFirst_KeepsTheSameWindow()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "nova-conductor: 27.0.0, nova-compute: 27.0.0", Conductors + "\n" + ComputeServices, [Upgrade], """
              - {name: nova-conductor}
              - {name: nova-compute, dependsOn: [nova-conductor], talksTo: [{component: nova-conductor, peerMajorAhead: {min: 0, max: 1}}]}
            """);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        Assert.IsType<Verdict.Safe>(result.Verdict);
    }

    [Fact]
    public void Verify_TwoMajorsAtOnce_BreaksCompatibility()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "host-os: 14.0.0", """
              - {name: computes, scope: {roles: [compute]}, components: [host-os], procedure: p, strategy: {rolling: {}}}
            """, [Upgrade], "  - {name: host-os}\n");
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Compatibility.Code));
        Assert.Equal((1, "host-os"), (violation.Wave, violation.Subject));
        Assert.Contains("host-os runs 12.0.0 (cmp-1, cmp-2, cmp-3 and 2 more) and 14.0.0 (cmp-1) together in site s1; versions two majors apart never coexist",
            violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_StepTimeoutMadeInfinite_BreaksBoundedWaits()
    {
        var dc = Topology();
        var campaign = Computes(dc, "{maxUnavailable: 1}", Upgrade);
        var plan = PlanEdits.WithTimeout(PlanExpander.Expand(campaign, dc), wave: 3, step: 0, double.PositiveInfinity);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.BoundedWait.Code));
        Assert.Equal((3, "cmp-3", "procedures.p[0]"), (violation.Wave, violation.Subject, violation.CampaignPath));
        Assert.Equal("upgrade on cmp-3 waits without a bound", violation.Message);
    }

    [Fact]
    public void Verify_StepTimeoutShorterThanExpected_BreaksBoundedWaits()
    {
        var dc = Topology();
        var campaign = Computes(dc, "{maxUnavailable: 1}", Upgrade);
        var plan = PlanEdits.WithTimeout(PlanExpander.Expand(campaign, dc), wave: 1, step: 0, 60);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.BoundedWait.Code));
        Assert.Equal((1, "cmp-1"), (violation.Wave, violation.Subject));
        Assert.Equal("upgrade on cmp-1 may wait 60s, less than the 10m it is expected to take", violation.Message);
    }
}
