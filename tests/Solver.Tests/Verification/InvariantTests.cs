using Escalator.Model.Plans;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Tests.Verification.Lab;

namespace Escalator.Solver.Tests.Verification;

/// <summary>For every invariant code, a plan that breaks that invariant and no other, and what the verdict says.</summary>
/// <remarks>The lab is described in <see cref="Lab"/>; hand-edited plans (F1, O1, W1) are in the other part of this class.</remarks>
public sealed partial class InvariantTests
{
    [Fact]
    public void Verify_TwoInstancesOfAnNPlusMPoolRebootTogether_BreaksRedundancyInThatWave()
    {
        var dc = Topology("""
              - {name: pool, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: n+m, minActive: 2}, antiAffinity: host,
                 instances: [{name: q-1, host: cmp-1}, {name: q-2, host: cmp-2}, {name: q-3, host: cmp-4}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 2}", Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1", "cmp-2"], ["cmp-3", "cmp-4"], ["cmp-5"]);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Redundancy.Code));
        Assert.Equal((1, "pool", false), (violation.Wave, violation.Subject, violation.Intrinsic));
        Assert.Contains("cmp-1 and cmp-2 are out together; pool keeps 1 of 3 instances; n+m (2 of 3 needed) tolerates 1", violation.Message, StringComparison.Ordinal);
        Assert.Contains("q-1 goes down with cmp-1 for 10m", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Verify_TwoInstancesOfAPoolInterruptedTogether_SaysWhetherOnlyOverlappingMovesDoIt(bool evacuate)
    {
        // Two live moves off different hosts fall together only if they overlap in time, which the plan leaves open; two
        // reboots of the wave's hosts do, whatever the timing.
        var dc = Topology("""
              - {name: pool, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: n+m, minActive: 2}, antiAffinity: host,
                 migration: live, instances: [{name: q-1, host: cmp-1}, {name: q-2, host: cmp-2}, {name: q-3, host: cmp-4}]}
            """);
        var campaign = evacuate ? Computes(dc, "{maxUnavailable: 2}", EvacuateLive, Upgrade) : Computes(dc, "{maxUnavailable: 2}", Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1", "cmp-2"], ["cmp-3", "cmp-4"], ["cmp-5"]);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(result.Violations, v => v.Code == Invariant.Redundancy.Code && v.Wave == 1);
        Assert.Equal(evacuate, violation.OnlyIfMovesOverlap);
    }

    [Fact]
    public void Verify_UnprotectedVmRebootsWithItsHost_BreaksRedundancyIntrinsically()
    {
        var dc = Topology("""
              - {name: solo, flavor: {vcpu: 1, ramGiB: 2}, redundancy: none, availability: {maxOutage: 1s}, instances: [{name: s-1, host: cmp-1}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 1}", Upgrade);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Redundancy.Code));
        Assert.Equal((WaveOf(plan, "cmp-1"), "solo", true), (violation.Wave, violation.Subject, violation.Intrinsic));
        Assert.Contains("solo keeps 0 of 1 instances; no redundancy (none) tolerates 0 interruptions longer than its 1s budget", violation.Message, StringComparison.Ordinal);
        Assert.Contains("no safe plan: whatever the waves, upgrading cmp-1 alone does this", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ActiveInstanceGoesDownWithoutSwitchover_BreaksSwitchoverFirst()
    {
        var dc = Topology("""
              - {name: pair, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: active-standby, active: p-1}, antiAffinity: rack, switchover: 2s,
                 instances: [{name: p-1, host: cmp-1}, {name: p-2, host: cmp-2}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 1}", Upgrade);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Switchover.Code));
        Assert.Equal((WaveOf(plan, "cmp-1"), "pair"), (violation.Wave, violation.Subject));
        Assert.Contains("p-1, the active instance of pair, goes down with cmp-1 for 10m without a switchover to p-2 first", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BothInstancesOfAPairDownInOneWaveThoughTheProcedureSwitchesOver_SaysTheStandbyIsDownToo()
    {
        var dc = Topology("""
              - {name: pair, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: active-standby, active: p-1}, antiAffinity: rack, switchover: 2s,
                 instances: [{name: p-1, host: cmp-1}, {name: p-2, host: cmp-2}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 2}", Switchover, Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1", "cmp-2"], ["cmp-3", "cmp-4"], ["cmp-5"]);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(result.Violations, v => v.Code == Invariant.Switchover.Code);
        Assert.Equal("p-1, the active instance of pair, goes down with cmp-1 for 10m while its standby p-2 goes down with cmp-2 for 10m in the same wave: "
            + "there is no instance to switch over to", violation.Message);
        Assert.DoesNotContain("without a switchover", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnprotectedVmLiveMigratedTwice_BreaksItsAvailabilityBudget()
    {
        var dc = Topology("""
              - {name: solo, flavor: {vcpu: 1, ramGiB: 2}, redundancy: none, migration: live, availability: {maxOutage: 1s}, instances: [{name: s-1, host: cmp-1}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 1}", EvacuateLive, Upgrade);
        // s-1 leaves cmp-1 for cmp-2 (nothing is upgraded yet), then leaves cmp-2 for cmp-1: two pauses of 0.52 s.
        var plan = Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2"], ["cmp-3"], ["cmp-4"], ["cmp-5"]);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Budget.Code));
        Assert.Equal((2, "solo"), (violation.Wave, violation.Subject));
        Assert.Contains("solo is out 2 time(s) (wave 1: live-migration pause of s-1 520ms; wave 2: live-migration pause of s-1 520ms)", violation.Message, StringComparison.Ordinal);
        Assert.Contains("over its 1s budget", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TwoOfThreeGaleraMembersTogether_BreaksQuorum()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "galera: 10.1.0", """
              - {name: database, scope: {roles: [control]}, components: [galera], procedure: p, strategy: {rolling: {maxUnavailable: 2}}}
            """, [Upgrade]);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Quorum.Code));
        Assert.Equal((1, "galera"), (violation.Wave, violation.Subject));
        Assert.Contains("ctl-1 and ctl-2 are down together; galera keeps 1 of 3 members; a majority needs 2", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoOtherHostHasRoomForAnEvacuatedVm_BreaksCapacity()
    {
        // Every compute carries 12 of its 16 GiB; the pool tolerates the one VM that cannot leave.
        var dc = Topology("""
              - {name: fat, flavor: {vcpu: 1, ramGiB: 12}, redundancy: {model: n+m, minActive: 1}, migration: live,
                 instances: [{name: f-1, host: cmp-1}, {name: f-2, host: cmp-2}, {name: f-3, host: cmp-3}, {name: f-4, host: cmp-4}, {name: f-5, host: cmp-5}]}
            """);
        var campaign = ComputesIn(dc, "{roles: [compute], racks: [r1]}", "{maxUnavailable: 1}", EvacuateLive, Upgrade);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Capacity.Code));
        Assert.Equal((1, "fat", true), (violation.Wave, violation.Subject, violation.Intrinsic));
        Assert.Contains("1 VM(s) must leave cmp-1; the hosts in service of site s1 have no room for f-1 (fat: 1 vCPU, 12 GiB RAM", violation.Message, StringComparison.Ordinal);
        Assert.Contains("no safe plan: no other host of site s1 has room for f-1", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MoveOnceWhileEveryOtherHostAwaitsItsUpgrade_BreaksMoveOnce()
    {
        var dc = Topology("""
              - {name: solo, flavor: {vcpu: 1, ramGiB: 2}, redundancy: none, migration: live, availability: {maxOutage: 5s}, instances: [{name: s-1, host: cmp-1}]}
            """);
        var campaign = ComputesMovingOnce(dc, "{maxUnavailable: 1}", EvacuateOnce, Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2"], ["cmp-3"], ["cmp-4"], ["cmp-5"]);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.MoveOnce.Code));
        Assert.Equal((1, "computes"), (violation.Wave, violation.Subject));
        Assert.Contains("s-1 (solo) can leave cmp-1 only onto hosts still waiting for their upgrade; the procedure moves each VM once", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MoveOnceWithTheDocumentedOrder_IsSafe()
    {
        var dc = Topology("""
              - {name: solo, flavor: {vcpu: 1, ramGiB: 2}, redundancy: none, migration: live, availability: {maxOutage: 5s}, instances: [{name: s-1, host: cmp-1}]}
            """);
        var campaign = ComputesMovingOnce(dc, "{maxUnavailable: 1}", EvacuateOnce, Upgrade);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        // The empty hosts go first, so s-1 leaves last, onto an upgraded host: the same campaign, a safe order.
        Assert.IsType<Verdict.Safe>(result.Verdict);
        Assert.Equal(5, WaveOf(plan, "cmp-1"));
    }

    [Fact]
    public void Verify_PinnedVmOnAnEvacuatedHost_BreaksMigrationSupportOnly()
    {
        var dc = Topology("""
              - {name: pinned, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: n+m, minActive: 1}, migration: none,
                 instances: [{name: p-1, host: cmp-1}, {name: p-2, host: cmp-2}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 1}", EvacuateLive, Upgrade);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violations = AssertOnly(result, Invariant.Migration.Code);
        Assert.Equal([(WaveOf(plan, "cmp-1"), "p-1"), (WaveOf(plan, "cmp-2"), "p-2")],
            violations.Select(v => (v.Wave, v.Message.Split(' ')[0])));
        Assert.All(violations, v => Assert.True(v.Intrinsic && v.Subject == "pinned"));
        Assert.Contains("p-1 (pinned) cannot leave cmp-1: the procedure moves VMs live, pinned allows migration none", violations[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EveryKeystoneMemberAtOnce_BreaksIdentityNotQuorum()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "keystone: 23.0.0", """
              - {name: identity, scope: {roles: [control]}, components: [keystone], procedure: p, strategy: {rolling: {maxUnavailable: 3}}}
            """, [Upgrade]);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        var violation = Assert.Single(AssertOnly(result, Invariant.Identity.Code));
        Assert.Equal((1, "s1"), (violation.Wave, violation.Subject));
        Assert.Contains("site s1 has no identity service: keystone keeps 0 of 3 members (any one needs 1)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SpareTooSmallForTheLastOldHost_BreaksSpareHosts()
    {
        var dc = LoadTopology(Universe.Topology);
        var campaign = LoadCampaign(dc, Universe.Campaign);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Verify(dc, campaign, plan);

        // new-1 takes two of the three 8 GiB VMs; the pool tolerates losing the third with its retired host.
        var violation = Assert.Single(AssertOnly(result, Invariant.Spares.Code));
        Assert.Equal((WaveOf(plan, "old-3"), "web"), (violation.Wave, violation.Subject));
        Assert.Contains("1 VM(s) must leave old-3; the new universe's hosts have no room for w-3 (web: 1 vCPU, 8 GiB RAM", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SpareTooSmallForTheLastOldHost_SaysTheUniverseHasNoRoom()
    {
        var dc = LoadTopology(Universe.Topology);
        var campaign = LoadCampaign(dc, Universe.Campaign);

        var result = Verify(dc, campaign, PlanExpander.Expand(campaign, dc));

        var violation = Assert.Single(result.Violations);
        Assert.True(violation.Intrinsic);
        Assert.Contains("no safe plan: the new universe has no room for w-3", violation.Message, StringComparison.Ordinal);
    }
}
