using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.Tests.Runs;

/// <summary>Small data centres written out in YAML for hand-computed cases: one rack per host unless said otherwise,
/// 16 vCPU / 64 GiB each, and a rolling campaign over the computes with fixed durations.</summary>
internal static class World
{
    public static string Topology(int hosts, string vnfs, int racks = 0)
    {
        racks = racks == 0 ? hosts : racks;
        var text = new System.Text.StringBuilder("name: small\nsites:\n  - name: s1\n    zones:\n      - name: z1\n        racks:\n");
        for (var r = 1; r <= racks; r++)
        {
            text.Append("          - name: r").Append(r).Append("\n            hosts:\n");
            for (var h = r; h <= hosts; h += racks)
            {
                text.Append("              - {name: h").Append(h)
                    .Append(", roles: [compute], capacity: {vcpu: 16, ramGiB: 64, diskGiB: 100}, software: {host-os: 1.0.0}}\n");
            }
        }
        return text.Append("vnfs:\n").Append(vnfs).ToString();
    }

    /// <summary>A campaign upgrading host-os on every compute, <paramref name="maxUnavailable"/> at a time, with fixed durations.</summary>
    public static string Campaign(string procedure, int maxUnavailable = 1, string simulation = "durations: {distribution: fixed}",
        string recovery = "{retries: 1, rollback: graceful, maxFailures: 1}") => $$"""
        name: small-rolling
        targets: {host-os: 2.0.0}
        components:
          - name: host-os
            impact: {rebootHost: true, evacuate: true, restore: 200s}
        stages:
          - name: computes
            scope: {roles: [compute]}
            components: [host-os]
            procedure: p
            strategy:
              rolling: {maxUnavailable: {{maxUnavailable}}}
        procedures:
          p:
        {{procedure}}
        recovery: {{recovery}}
        simulation:
          {{simulation}}
        """;

    public static PlanSimulator Simulator(string topology, string campaign)
    {
        var dc = TopologyLoader.Parse("topology.yaml", topology);
        Assert.True(dc.Ok, string.Join("\n", dc.Diagnostics));
        var c = CampaignLoader.Parse("campaign.yaml", campaign);
        Assert.True(c.Ok, string.Join("\n", c.Diagnostics));
        return new PlanSimulator(dc.Value!, c.Value!, PlanExpander.Expand(c.Value!, dc.Value!));
    }
}
