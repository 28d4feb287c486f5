using Escalator.Model.Plans;
using static Escalator.Solver.Tests.Verification.Lab;

namespace Escalator.Solver.Tests.Verification;

/// <summary>The oracle on hand-made lab plans whose verdicts are known, so that agreeing with it means something.</summary>
public sealed class BruteForceOracleTests
{
    /// <summary>A pool that can lose one of its two VMs, x on cmp-1 and y on cmp-3.</summary>
    public const string Pool = """
          - {name: pool, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: n+m, minActive: 1}, migration: live,
             instances: [{name: x, host: cmp-1}, {name: y, host: cmp-3}]}
        """;

    [Fact]
    public void Judge_BothInstancesOfAPairRebootTogether_FindsRedundancyAndSwitchover()
    {
        var dc = Topology("""
              - {name: pair, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: active-standby, active: p-1}, instances: [{name: p-1, host: cmp-1}, {name: p-2, host: cmp-2}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 2}", Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1", "cmp-2"], ["cmp-3", "cmp-4"], ["cmp-5"]);

        var judgement = BruteForceOracle.Judge(dc, campaign, plan);

        Assert.Equal(["ESC-R1,ESC-R2"], judgement.Outcomes);
    }

    [Fact]
    public void Judge_NoRoomAnywhere_FindsCapacityOnly()
    {
        var dc = Topology("""
              - {name: fat, flavor: {vcpu: 1, ramGiB: 12}, redundancy: {model: n+m, minActive: 1}, migration: live,
                 instances: [{name: f-1, host: cmp-1}, {name: f-2, host: cmp-2}, {name: f-3, host: cmp-3}, {name: f-4, host: cmp-4}, {name: f-5, host: cmp-5}]}
            """);
        var campaign = ComputesIn(dc, "{roles: [compute], racks: [r1]}", "{maxUnavailable: 1}", EvacuateLive, Upgrade);

        var judgement = BruteForceOracle.Judge(dc, campaign, PlanExpander.Expand(campaign, dc));

        Assert.Equal(["ESC-C1"], judgement.Outcomes);
    }

    [Fact]
    public void Judge_MergedWaves_FindsFaultDomainsOnly()
    {
        var dc = Topology();
        var campaign = Computes(dc, "{maxUnavailable: 1}", Upgrade);

        var judgement = BruteForceOracle.Judge(dc, campaign, PlanEdits.Merge(PlanExpander.Expand(campaign, dc), 2, 3));

        Assert.Equal(["ESC-F1"], judgement.Outcomes);
    }

    [Fact]
    public void Judge_OpenDestinationThatALaterWaveCatches_FollowsEveryChoice()
    {
        // x must leave cmp-1 in wave 1 and the plan names no destination; wave 2 takes cmp-2 and y's cmp-3 out together.
        var dc = Topology(Pool);
        var campaign = Computes(dc, "{maxUnavailable: 2}", EvacuateLive, Upgrade);
        var plan = PlanEdits.WithDestination(Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2", "cmp-3"], ["cmp-4", "cmp-5"]), "x", null);

        var judgement = BruteForceOracle.Judge(dc, campaign, plan);
        var result = Verify(dc, campaign, plan);

        // Sent to cmp-2 or cmp-3, x is out again with y in wave 2; sent to cmp-4 or cmp-5, it is not.
        Assert.Equal(["", "ESC-R1"], judgement.Outcomes.Order(StringComparer.Ordinal));
        Assert.Contains(OracleJudgement.Key(result.Violations.Select(v => v.Code).Distinct()), judgement.Outcomes);
    }
}
