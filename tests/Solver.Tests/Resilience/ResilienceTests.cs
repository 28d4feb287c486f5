using Escalator.Model.Semantics;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;
using static Escalator.Solver.Tests.Verification.Lab;

namespace Escalator.Solver.Tests.Resilience;

/// <summary><c>verify --tolerate K</c> on the lab: proofs, counterexamples in the planner's words, warnings about the data
/// centre, exposure.</summary>
public sealed class ResilienceTests
{
    private const string Galera = """
          - name: database
            scope: {roles: [control]}
            components: [galera]
            procedure: p
            strategy: {rolling: {maxUnavailable: 1}}
        """;

    private static VerificationResult Tolerating(Model.Topology.DataCentre dc, Model.Campaigns.Campaign campaign, Model.Plans.Plan plan, Model.Semantics.Resilience k) =>
        PlanVerifier.Verify(dc, campaign, plan, new VerifyOptions(TimeSpan.FromSeconds(30), Resilience: k));

    [Fact]
    public void Verify_GaleraOfThreeOneMemberAtATime_AnotherFailingLosesQuorum()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "galera: 11.0.0", Galera, [Upgrade]);
        var plan = Waves(campaign, dc, "database", ["ctl-1"], ["ctl-2"], ["ctl-3"]);

        var result = Tolerating(dc, campaign, plan, new(1, 0, 0));

        Assert.True(Verify(dc, campaign, plan).IsSafe, "safe when nothing fails");
        var violations = AssertOnly(result, Invariant.Resilience.Code);
        Assert.Equal([1, 2, 3], violations.Select(v => v.Wave));
        Assert.Matches(@"^if ctl-[23] fails in wave 1, while ctl-1 is out, galera keeps 1 of 3 members and loses quorum \(a majority needs 2\)$", violations[0].Message);
        Assert.Empty(result.Warnings);
        Assert.Contains(result.Exposure, e => e is { Subject: "galera", Kind: "cluster", Waves: 3 });
    }

    [Fact]
    public void Verify_PoolThatToleratesTwoOneHostAtATime_SurvivesOneFailure()
    {
        var dc = Topology("""
              - {name: pool, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: n+m, minActive: 2}, antiAffinity: host,
                 instances: [{name: q-1, host: cmp-1}, {name: q-2, host: cmp-2}, {name: q-3, host: cmp-4}, {name: q-4, host: cmp-5}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 1}", Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2"], ["cmp-3"], ["cmp-4"], ["cmp-5"]);

        var one = Tolerating(dc, campaign, plan, new(1, 0, 0));
        var two = Tolerating(dc, campaign, plan, new(2, 0, 0));
        var rollback = Tolerating(dc, campaign, plan, Model.Semantics.Resilience.Uniform(1));

        Assert.True(one.IsSafe, string.Join("\n", one.Violations));
        Assert.Equal(new Model.Semantics.Resilience(1, 0, 0), one.Tolerated);
        Assert.Contains(AssertOnly(rollback, Invariant.Resilience.Code), v => v.Wave == 2 && v.Message.Contains("the upgrade of cmp-1 in wave 1 rolls back", StringComparison.Ordinal));
        var violation = Assert.Single(AssertOnly(two, Invariant.Resilience.Code), v => v.Wave == 1);
        Assert.Matches(@"^if cmp-\d and cmp-\d fail in wave 1, while cmp-1 is out, pool keeps 1 of 4 instances", violation.Message);
    }

    [Fact]
    public void Verify_VnfWithoutRedundancy_IsAWarningAboutTheDataCentreNotTheCampaign()
    {
        var dc = Topology("""
              - {name: solo, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: none}, migration: live, availability: {maxOutage: 5s},
                 instances: [{name: s-1, host: cmp-1}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 1}", EvacuateLive, Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2"], ["cmp-3"], ["cmp-4"], ["cmp-5"]);

        var result = Tolerating(dc, campaign, plan, new(1, 0, 0));

        Assert.True(result.IsSafe, string.Join("\n", result.Violations));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((Invariant.ResilienceAtRest.Code, "solo"), (warning.Code, warning.Subject));
        Assert.Contains("cannot survive 1 host failure even at rest", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LiveMoveThatFallsBackToCold_BreaksTheBudgetOfAVnfWithoutRedundancy()
    {
        var dc = Topology("""
              - {name: solo, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: none}, migration: live, availability: {maxOutage: 5s},
                 instances: [{name: s-1, host: cmp-1}]}
            """);
        var campaign = Computes(dc, "{maxUnavailable: 1}", "{action: evacuate, mode: live, fallback: cold, expected: 30s, timeout: 10m, onTimeout: fall-back}", Upgrade);
        var plan = Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2"], ["cmp-3"], ["cmp-4"], ["cmp-5"]);

        var result = Tolerating(dc, campaign, plan, new(0, 1, 0));

        var violation = AssertOnly(result, Invariant.Resilience.Code)[0];
        Assert.Equal(1, violation.Wave);
        Assert.StartsWith("if the live migration of s-1 off cmp-1 falls back to cold in wave 1, while cmp-1 is out, s-1 is cold-migrated off cmp-1", violation.Message, StringComparison.Ordinal);
        Assert.EndsWith("(solo); no redundancy (none) tolerates no interruption longer than its 5s budget", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UpgradeThatRollsBack_KeepsItsHostOutIntoTheNextWave()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "galera: 11.0.0", Galera, [Upgrade]);
        var plan = Waves(campaign, dc, "database", ["ctl-1"], ["ctl-2"], ["ctl-3"]);

        var result = Tolerating(dc, campaign, plan, new(0, 0, 1));

        var violations = AssertOnly(result, Invariant.Resilience.Code);
        Assert.Equal([2, 3], violations.Select(v => v.Wave));
        Assert.Equal("if the upgrade of ctl-1 in wave 1 rolls back (ctl-1 stays out) in wave 2, while ctl-2 is out, galera keeps 1 of 3 members and loses quorum (a majority needs 2)",
            violations[0].Message);
    }

    [Fact]
    public void Verify_CampaignAsksForResilience_ProvedWithoutTheOption()
    {
        var dc = Topology();
        var campaign = Campaign(dc, "galera: 11.0.0", Galera, [Upgrade]) with { Resilience = new(1, 0, 0) };
        var plan = Waves(campaign, dc, "database", ["ctl-1"], ["ctl-2"], ["ctl-3"]);

        var asked = Verify(dc, campaign, plan);
        var overridden = Tolerating(dc, campaign, plan, Model.Semantics.Resilience.None);

        Assert.Equal(3, AssertOnly(asked, Invariant.Resilience.Code).Length);
        Assert.True(overridden.IsSafe);
    }
}
