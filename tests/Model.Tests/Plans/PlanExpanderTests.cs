using Escalator.Model.Plans;

namespace Escalator.Model.Tests.Plans;

/// <summary>Plan expansion with the waves the documented rules give (PlanExpander's remarks), asserted host by host.</summary>
public sealed partial class PlanExpanderTests
{
    /// <summary>12 empty compute hosts, 4 in each of 3 racks of one zone.</summary>
    private const string TwelveHosts = """
        name: t
        profiles:
          cmp: {roles: [compute], capacity: {vcpu: 16, ramGiB: 64}, software: {host-os: 1.0.0}}
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - {name: r1, hosts: [{name: "h[01-04]", profile: cmp}]}
                  - {name: r2, hosts: [{name: "h[05-08]", profile: cmp}]}
                  - {name: r3, hosts: [{name: "h[09-12]", profile: cmp}]}
        """;

    private const string EvacuateAndUpgrade = """
        procedures:
          p:
            - {action: evacuate, mode: live, fallback: cold, expected: 30s, timeout: 5m, onTimeout: fall-back}
            - {action: upgrade, expected: 10m, timeout: 20m}
        """;

    private const string UpgradeOnly = """
        procedures:
          p:
            - {action: upgrade, expected: 10m, timeout: 20m}
        """;

    /// <summary>A campaign that upgrades host-os (reboot, evacuate) on the hosts of one stage.</summary>
    private static string OneStage(string scope, string strategy, string procedures = EvacuateAndUpgrade) => $$$"""
        name: c
        targets: {host-os: 2.0.0}
        components:
          - {name: host-os, impact: {rebootHost: true, evacuate: true}}
        stages:
          - {name: computes, scope: {{{scope}}}, procedure: p, strategy: {{{strategy}}}}
        {{{procedures}}}
        checks:
          api: {url: "http://127.0.0.1:5000/", timeout: 10s}
        """;

    [Fact]
    public void Expand_Rolling2PerRack1_SixEvenWavesTakingTheRacksWithMostHostsLeft()
    {
        var campaign = OneStage("{roles: [compute]}", "{rolling: {maxUnavailable: 2, perRack: 1}}");

        var plan = Inputs.Expand(TwelveHosts, campaign);

        // Every host is empty; with a per-rack limit the racks with the most hosts left come first (ties in rack
        // order), so the twelve hosts go in six waves of two, never two of one rack.
        Assert.Equal(
            [["h01", "h05"], ["h09", "h02"], ["h06", "h10"], ["h03", "h07"], ["h11", "h04"], ["h08", "h12"]],
            plan.WaveHosts());
        Assert.All(plan.Waves, w => Assert.Equal(WaveKind.Rolling, w.Kind));
    }

    [Fact]
    public void Expand_Rolling3PerRack1_FourWavesOfOneHostPerRack()
    {
        var campaign = OneStage("{roles: [compute]}", "{rolling: {maxUnavailable: 3, perRack: 1}}");

        var plan = Inputs.Expand(TwelveHosts, campaign);

        Assert.Equal(
            [["h01", "h05", "h09"], ["h02", "h06", "h10"], ["h03", "h07", "h11"], ["h04", "h08", "h12"]],
            plan.WaveHosts());
        Assert.Equal([1, 2, 3, 4], plan.Waves.Select(w => w.Number));
        Assert.Equal((1, 4), (plan.Stages[0].FirstWave, plan.Stages[0].LastWave));
    }

    [Fact]
    public void Expand_RollingPercentage_ResolvedAgainstTheStagesHosts()
    {
        var campaign = OneStage("{roles: [compute]}", "{rolling: {maxUnavailable: 25%}}");

        var plan = Inputs.Expand(TwelveHosts, campaign);

        Assert.Equal(
            [["h01", "h02", "h03"], ["h04", "h05", "h06"], ["h07", "h08", "h09"], ["h10", "h11", "h12"]],
            plan.WaveHosts());
    }

    [Fact]
    public void Expand_RollingPerSite_OneHostOfEachSitePerWave()
    {
        var plan = Inputs.Expand(FourZones, OneStage("{}", "{rolling: {maxUnavailable: 3, perSite: 1}}"));

        Assert.Equal([["a1", "c1"], ["a2", "c2"], ["b1", "d1"], ["b2", "d2"]], plan.WaveHosts());
    }

    [Fact]
    public void Expand_RollingPerZone_OneHostOfEachZoneTakingZonesWithMostLeftFirst()
    {
        var plan = Inputs.Expand(FourZones, OneStage("{}", "{rolling: {maxUnavailable: 3, perZone: 1}}"));

        // After the first wave zone z4 has the most hosts left, so it leads the second wave.
        Assert.Equal([["a1", "b1", "c1"], ["d1", "a2", "b2"], ["c2", "d2"]], plan.WaveHosts());
    }

    /// <summary>Two sites of two zones, one rack of two hosts in each zone.</summary>
    private const string FourZones = """
        name: t
        profiles:
          cmp: {roles: [compute], capacity: {vcpu: 16, ramGiB: 64}, software: {host-os: 1.0.0}}
        sites:
          - name: s1
            zones:
              - {name: z1, racks: [{name: r1, hosts: [{name: "a[1-2]", profile: cmp}]}]}
              - {name: z2, racks: [{name: r2, hosts: [{name: "b[1-2]", profile: cmp}]}]}
          - name: s2
            zones:
              - {name: z3, racks: [{name: r3, hosts: [{name: "c[1-2]", profile: cmp}]}]}
              - {name: z4, racks: [{name: r4, hosts: [{name: "d[1-2]", profile: cmp}]}]}
        """;

    [Fact]
    public void Expand_Canary_OneHostWithSoakAndGateThenTheRestUnderItsLimits()
    {
        var campaign = OneStage("{roles: [compute]}",
            "{canary: {firstWave: 1, soak: 30m, healthChecks: [api], then: {maxUnavailable: 4, perRack: 2}}}");

        var plan = Inputs.Expand(TwelveHosts, campaign);

        Assert.Equal(
            [["h01"], ["h05", "h06", "h09", "h10"], ["h02", "h03", "h07", "h08"], ["h11", "h12", "h04"]],
            plan.WaveHosts());
        Assert.Equal([WaveKind.Canary, WaveKind.Rolling, WaveKind.Rolling, WaveKind.Rolling], plan.Waves.Select(w => w.Kind));
        Assert.Equal([1800.0, 0, 0, 0], plan.Waves.Select(w => w.SoakSeconds));
        Assert.Equal<string>(["api"], plan.Waves[0].GateChecks);
        Assert.All(plan.Waves.Skip(1), w => Assert.Empty(w.GateChecks));
        Assert.Equal("canary", plan.Stages[0].Strategy);
        Assert.Equal(4 * 600 + 1800, plan.ExpectedSeconds);
    }

    [Fact]
    public void Expand_CanaryOfThree_TheFirstThreeHostsInOrder()
    {
        var campaign = OneStage("{roles: [compute]}", "{canary: {firstWave: 3, soak: 1h}}");

        var plan = Inputs.Expand(TwelveHosts, campaign);

        Assert.Equal(["h01", "h02", "h03"], plan.Waves[0].Hosts.Names());
        Assert.Equal(3600, plan.Waves[0].SoakSeconds);
        Assert.Equal(9, plan.Waves.Count(w => w.Kind == WaveKind.Rolling));
    }

    [Fact]
    public void Expand_HostsWithInstances_EmptiestFirst()
    {
        var topology = """
            name: t
            profiles:
              cmp: {roles: [compute], capacity: {vcpu: 16, ramGiB: 64}, software: {host-os: 1.0.0}}
            sites:
              - name: s1
                zones:
                  - {name: z1, racks: [{name: r1, hosts: [{name: "h[1-4]", profile: cmp}]}]}
            vnfs:
              - name: v
                flavor: {vcpu: 1, ramGiB: 1}
                redundancy: none
                instances: [{name: v-1, host: h1}, {name: v-2, host: h1}, {name: v-3, host: h2}]
            """;

        var plan = Inputs.Expand(topology, OneStage("{}", "{rolling: {}}", UpgradeOnly));

        Assert.Equal([["h3"], ["h4"], ["h2"], ["h1"]], plan.WaveHosts());
    }

    [Fact]
    public void Expand_StageBeforeTheStageItIsAfter_RunsSecond()
    {
        var topology = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: "cmp-[1-2]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 1.0.0}}
                          - {name: ctl-1, roles: [control], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 1.0.0}}
            """;
        var campaign = """
            name: c
            targets: {host-os: 2.0.0}
            components: [{name: host-os}]
            stages:
              - {name: computes, after: [controllers], scope: {roles: [compute]}, procedure: p, strategy: {rolling: {maxUnavailable: 2}}}
              - {name: controllers, scope: {roles: [control]}, procedure: p, strategy: {rolling: {}}}
            procedures:
              p: [{action: upgrade, expected: 10m, timeout: 20m}]
            """;

        var plan = Inputs.Expand(topology, campaign);

        Assert.Equal(["controllers", "computes"], plan.Stages.Select(s => s.Name));
        Assert.Equal(["controllers", "computes"], plan.Waves.Select(w => w.Stage));
        Assert.Equal([["ctl-1"], ["cmp-1", "cmp-2"]], plan.WaveHosts());
        Assert.Equal((2, 2), (plan.Stages[1].FirstWave, plan.Stages[1].LastWave));
    }

    [Fact]
    public void Expand_HostsAlreadyAtTarget_UpToDateAndInNoWave()
    {
        var topology = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 2.0.0, libvirt: 9.0.0}}
                          - {name: h2, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 1.0.0, libvirt: 9.0.0}}
                          - {name: h3, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 2.0.0-rc.1}}
                          - {name: h4, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 2.0.0+build.7}}
            """;
        var campaign = """
            name: c
            targets: {host-os: 2.0.0, libvirt: 9.0.0}
            components: [{name: host-os}, {name: libvirt}]
            stages:
              - {name: all, scope: {}, procedure: p, strategy: {rolling: {maxUnavailable: 4}}}
            procedures:
              p: [{action: upgrade, expected: 10m, timeout: 20m}]
            """;

        var plan = Inputs.Expand(topology, campaign);

        Assert.Equal(["h2", "h3"], plan.Stages[0].Hosts.Names());
        Assert.Equal(["h1", "h4"], plan.Stages[0].UpToDate.Names());
        Assert.Equal([["h2", "h3"]], plan.WaveHosts());
        var upgrade = plan.Waves[0].Steps.Single(s => s.Target == "h2");
        Assert.Equal("upgrade host-os 1.0.0 → 2.0.0", upgrade.Detail);
    }
}
