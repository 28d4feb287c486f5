using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Plans;

public sealed partial class PlanExpanderTests
{
    private const string ThreeControllers = """
        name: t
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - name: r1
                    hosts:
                      - name: "ctl-[1-3]"
                        roles: [control]
                        capacity: {vcpu: 16, ramGiB: 64}
                        software: {host-os: 1.0.0, galera: 10.0.0, keystone: 22.0.0}
        clusters:
          - {service: galera, members: ["ctl-[1-3]"], quorum: majority}
          - {service: keystone, members: ["ctl-[1-3]"], quorum: any}
        """;

    private static string ControlCampaign(string target, string impact) => $$$"""
        name: c
        targets: {{{target}}}
        components:
          - {name: galera, impact: {{{impact}}} }
          - {name: host-os, impact: {{{impact}}} }
        stages:
          - {name: control, scope: {roles: [control]}, procedure: p, strategy: {rolling: {} } }
        procedures:
          p:
            - {action: backup, expected: 1m, timeout: 10m}
            - {action: upgrade, expected: 5m, timeout: 15m}
        """;

    [Fact]
    public void Expand_ComponentOfOneCluster_OnlyThatMemberDownInEachUpgrade()
    {
        var plan = Inputs.Expand(ThreeControllers, ControlCampaign("{galera: 10.1.0}", "{backup: [databases]}"));

        Assert.Equal([["ctl-1"], ["ctl-2"], ["ctl-3"]], plan.WaveHosts());
        var upgrades = plan.Waves.Select(w => w.Steps.Single(s => s.Action == StepAction.Upgrade)).ToList();
        Assert.Equal(["ctl-1", "ctl-2", "ctl-3"], upgrades.Select(u => Assert.Single(u.Services)).Select(o => o.Member.Name));
        Assert.All(upgrades, u => Assert.Equal("galera", u.Services[0].Service));
        Assert.Equal("back up databases", plan.Waves[0].Steps.Single(s => s.Action == StepAction.Backup).Detail);
    }

    [Fact]
    public void Expand_HostReboot_EveryClusterMemberOnTheHostDown()
    {
        var plan = Inputs.Expand(ThreeControllers, ControlCampaign("{host-os: 2.0.0}", "{rebootHost: true}"));

        var upgrade = plan.Waves[1].Steps.Single(s => s.Action == StepAction.Upgrade);
        Assert.Equal<ServiceOutage>(
            [new ServiceOutage("galera", new HostId("ctl-2")), new ServiceOutage("keystone", new HostId("ctl-2"))],
            upgrade.Services);
        Assert.Equal("upgrade host-os 1.0.0 → 2.0.0; reboot", upgrade.Detail);
    }
}
