using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Tests.Verification;

/// <summary>A move whose destination is missing or unusable, where a usable one exists: the solver chooses it (a
/// <see cref="Redirect"/>) and the plan stays safe.</summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("ctl-1")]
    [InlineData("cmp-1")]
    public void Verify_MoveWithoutAUsableDestination_IsSafeWithARedirect(string? planned)
    {
        // minimal/rolling-computes.yaml: wave 2 live-migrates vping-1 from cmp-1 to the upgraded cmp-2. The edits send
        // it nowhere, to the controller (not a compute) and to cmp-1 itself (out in that wave).
        var (dc, campaign) = Repo.Scenario("minimal/rolling-computes.yaml");
        var expanded = PlanExpander.Expand(campaign, dc);
        var plan = PlanEdits.WithDestination(expanded, "vping-1", planned);

        var result = Lab.Verify(dc, campaign, plan);

        Assert.IsType<Verdict.Safe>(result.Verdict);
        var redirect = Assert.Single(result.Redirects);
        var from = new HostId("cmp-1");
        Assert.Equal(new Redirect(2, new InstanceId("vping-1"), new VnfId("vping"), from, planned is null ? null : new HostId(planned), new HostId("cmp-2")), redirect);
    }

    [Fact]
    public void Verify_MoveToAHostThatBreaksAntiAffinity_IsRedirectedAway()
    {
        var dc = Lab.Topology("""
              - {name: pair, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: active-standby, active: p-1}, antiAffinity: rack, migration: live,
                 instances: [{name: p-1, host: cmp-1}, {name: p-2, host: cmp-2}]}
            """);
        var campaign = Lab.Computes(dc, "{maxUnavailable: 1}", Lab.Switchover, Lab.EvacuateLive, Lab.Upgrade);
        var expanded = Lab.Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2"], ["cmp-3"], ["cmp-4"], ["cmp-5"]);
        // cmp-3 shares rack r2 with p-2.
        var plan = PlanEdits.WithDestination(expanded, "p-1", "cmp-3");

        var result = Lab.Verify(dc, campaign, plan);

        Assert.IsType<Verdict.Safe>(result.Verdict);
        // Wherever it lands, p-1 may be redirected again in a later wave, where the plan no longer expects it.
        var redirect = result.Redirects.First();
        Assert.Equal((1, "p-1", "cmp-3"), (redirect.Wave, redirect.Instance.Name, redirect.Planned?.Name));
        Assert.Contains(redirect.To.Name, new[] { "cmp-4", "cmp-5" });
    }

    /// <summary>u (3 GiB) and v (4 GiB) leave s in wave 1 with no destination; a has 4 GiB, b 3 GiB. One VM after the
    /// other, as the scheduler places them (most free RAM first), u takes a and v finds no room; only u on b and v on a
    /// fits both, which the search over every host finds.</summary>
    [Fact]
    public void Verify_OpenMovesThatFitOnlyOneWay_AreRedirectedByTheSearch()
    {
        var dc = Lab.LoadTopology("""
            name: tight
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: s, roles: [compute], capacity: {vcpu: 8, ramGiB: 16}, software: {host-os: 12.0.0}}
                          - {name: a, roles: [compute], capacity: {vcpu: 8, ramGiB: 4}, software: {host-os: 12.0.0}}
                          - {name: b, roles: [compute], capacity: {vcpu: 8, ramGiB: 3}, software: {host-os: 12.0.0}}
            vnfs:
              - {name: u, flavor: {vcpu: 1, ramGiB: 3}, redundancy: {model: none}, migration: live, instances: [{name: u-1, host: s}]}
              - {name: v, flavor: {vcpu: 1, ramGiB: 4}, redundancy: {model: none}, migration: live, instances: [{name: v-1, host: s}]}
            """);
        var campaign = Lab.Computes(dc, "{maxUnavailable: 1}", Lab.EvacuateLive, Lab.Upgrade);
        var waves = Lab.Waves(campaign, dc, "computes", ["s"], ["a"], ["b"]);
        var plan = PlanEdits.WithDestination(PlanEdits.WithDestination(waves, "u-1", null), "v-1", null);

        var result = Lab.Verify(dc, campaign, plan);

        // (Both VNFs are single instances, so each move's pause breaks ESC-R1; room is what this is about.)
        Assert.DoesNotContain(result.Violations, v => v.Code == Invariant.Capacity.Code);
        var first = result.Redirects.Where(r => r.Wave == 1).OrderBy(r => r.Instance.Name, StringComparer.Ordinal).Select(r => (r.Instance.Name, r.To.Name));
        Assert.Equal([("u-1", "b"), ("v-1", "a")], first);
    }

    /// <summary>Racks r1 (a1), r2 (b1, b2), r3 (c1, c2), r4 (d1); a pool with rack anti-affinity, q-1 on a1, q-2 on b1,
    /// q-3 on c1. Wave 1 empties a1 and b1: q-1 and q-2 leave together while q-3 stays in r3.</summary>
    private const string Racks = """
        name: racks
        profiles:
          compute: {roles: [compute], capacity: {vcpu: 8, ramGiB: 16}, software: {host-os: 12.0.0}}
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - {name: r1, hosts: [{name: a1, profile: compute}]}
                  - {name: r2, hosts: [{name: "b[1-2]", profile: compute}]}
                  - {name: r3, hosts: [{name: "c[1-2]", profile: compute}]}
                  - {name: r4, hosts: [{name: d1, profile: compute}]}
        vnfs:
          - {name: pool, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: n+m, minActive: 1}, antiAffinity: rack, migration: live,
             instances: [{name: q-1, host: a1}, {name: q-2, host: b1}, {name: q-3, host: c1}]}
        """;

    /// <summary>The rack plan with q-2 sent to d1 (rack r4) and q-1 sent to <paramref name="q1"/>.</summary>
    private static (DataCentre, Campaign, Plan) RackPlan(string? q1)
    {
        var dc = Lab.LoadTopology(Racks);
        var campaign = Lab.Computes(dc, "{maxUnavailable: 2}", Lab.EvacuateLive, Lab.Upgrade);
        var plan = Lab.Waves(campaign, dc, "computes", ["a1", "b1"], ["b2"], ["c2"], ["c1"], ["d1"]);
        return (dc, campaign, PlanEdits.WithDestination(PlanEdits.WithDestination(plan, "q-2", "d1"), "q-1", q1));
    }

    [Fact]
    public void Verify_OpenMoveWhoseOnlyRoomIsTakenByAPlannedSibling_BreaksCapacity()
    {
        // q-1 has no destination: r1 has no other host, q-2 stands in r2 as the wave starts, q-3 in r3, and q-2 goes to r4.
        var (dc, campaign, plan) = RackPlan(null);

        var result = Lab.Verify(dc, campaign, plan);

        var violation = Assert.Single(result.Violations, v => v.Wave == 1);
        Assert.Equal((Invariant.Capacity.Code, "pool"), (violation.Code, violation.Subject));
        Assert.Contains("no room for q-1", violation.Message, StringComparison.Ordinal);
    }

    /// <summary>The same wave with q-1 planned onto b2, in the rack q-2 leaves in that wave. Steps of a wave overlap in any
    /// order, so q-1 may land in r2 before q-2 has left; the README keeps a destination only "away from the VM's
    /// siblings' anti-affinity domains", and the verifier never chooses r2 for q-1 itself (test above). Yet
    /// PlanReplay.InvalidPlanned counts only the siblings that stay, so it keeps b2 and wave 1 passes.</summary>
    [Fact]
    public void Verify_PlannedMoveIntoTheRackASiblingLeaves_IsNotKept()
    {
        var (dc, campaign, plan) = RackPlan("b2");

        var result = Lab.Verify(dc, campaign, plan);

        Assert.Contains(result.Violations, v => v.Wave == 1 && v.Code == Invariant.Capacity.Code);
        Assert.Contains("ESC-C1", BruteForceOracle.Judge(dc, campaign, plan).Outcomes.Single(), StringComparison.Ordinal);
    }

    /// <summary>x must leave cmp-1 in wave 1 with no destination, and wave 2 takes cmp-2 and y's cmp-3 out together (as in
    /// <see cref="BruteForceOracleTests"/>). Sending x to cmp-4 or cmp-5 keeps every wave safe, but the verifier chooses
    /// destinations one wave at a time (as its README says) and Z3's model sends x to cmp-2, so wave 2 is reported as
    /// breaking ESC-R1 because of the verifier's own redirect rather than the plan.</summary>
    [Fact(Skip = "known limitation (src/Solver/README.md): redirects are chosen without looking ahead, so a plan with an open destination can be judged unsafe by the solver's own choice")]
    public void Verify_OpenDestinationWithASafeChoice_IsSafe()
    {
        var dc = Lab.Topology(BruteForceOracleTests.Pool);
        var campaign = Lab.Computes(dc, "{maxUnavailable: 2}", Lab.EvacuateLive, Lab.Upgrade);
        var plan = PlanEdits.WithDestination(Lab.Waves(campaign, dc, "computes", ["cmp-1"], ["cmp-2", "cmp-3"], ["cmp-4", "cmp-5"]), "x", null);

        var result = Lab.Verify(dc, campaign, plan);

        Assert.IsType<Verdict.Safe>(result.Verdict);
    }
}
