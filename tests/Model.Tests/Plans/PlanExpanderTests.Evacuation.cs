using System.Text;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Plans;

public sealed partial class PlanExpanderTests
{
    /// <summary>A topology of explicit compute hosts (name, rack, vCPU, RAM) in one zone, and VNFs.</summary>
    private static string Hosts(string vnfs, params (string Name, string Rack, int Vcpu, int Ram)[] hosts)
    {
        var text = new StringBuilder("name: t\nsites:\n  - name: s1\n    zones:\n      - name: z1\n        racks:\n");
        foreach (var rack in hosts.GroupBy(h => h.Rack))
        {
            text.Append("          - name: ").Append(rack.Key).Append("\n            hosts:\n");
            foreach (var h in rack)
            {
                text.Append($"              - {{name: {h.Name}, roles: [compute], capacity: {{vcpu: {h.Vcpu}, ramGiB: {h.Ram}}}, software: {{host-os: 1.0.0}}}}\n");
            }
        }
        return text.Append("vnfs:\n").Append(vnfs).ToString();
    }

    [Fact]
    public void Expand_Evacuation_PrefersAnUpgradedHostOverAWaitingOneWithMoreRoom()
    {
        var topology = Hosts("""
              - {name: v, flavor: {vcpu: 1, ramGiB: 4}, redundancy: none, instances: [{name: x, host: h1}, {name: y, host: h2}]}
            """, ("h1", "r1", 8, 32), ("h2", "r1", 8, 256), ("h3", "r1", 8, 32));

        var plan = Inputs.Expand(topology, OneStage("{}", "{rolling: {}}"));

        Assert.Equal([["h3"], ["h1"], ["h2"]], plan.WaveHosts());
        // x leaves in wave 2: h2 has far more room, but is still waiting for its upgrade; h3 is done.
        // y leaves in wave 3: h1 and h3 are both done; h1, now empty, has the most free RAM.
        Assert.Equal([(2, "x", "h1", "h3"), (3, "y", "h2", "h1")],
            plan.Moves().Select(m => (m.Wave.Number, m.Move.Instance.Name, m.Move.From.Name, m.Move.To?.Name)));
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void Expand_Evacuation_NeverIntoAHostOfTheSameWave()
    {
        var topology = Hosts("""
              - {name: v, flavor: {vcpu: 1, ramGiB: 4}, redundancy: none, instances: [{name: x, host: h1}, {name: y, host: h3}]}
            """, ("h1", "r1", 8, 32), ("h2", "r1", 8, 512), ("h3", "r1", 8, 32));

        var plan = Inputs.Expand(topology, OneStage("{}", "{rolling: {maxUnavailable: 2}}"));

        Assert.Equal(["h2", "h1"], plan.Waves[0].Hosts.Names());
        var move = Assert.Single(plan.Waves[0].Steps.SelectMany(s => s.Moves));
        Assert.Equal(("x", "h3"), (move.Instance.Name, move.To?.Name));
    }

    [Fact]
    public void Expand_Evacuation_HonoursRackAntiAffinity()
    {
        var topology = Hosts("""
              - name: a
                flavor: {vcpu: 2, ramGiB: 8}
                redundancy: active-standby
                antiAffinity: rack
                instances: [{name: a-1, host: h1}, {name: a-2, host: h3}]
            """, ("h1", "r1", 8, 32), ("h2", "r1", 8, 32), ("h3", "r2", 8, 32), ("h4", "r2", 8, 512));

        var plan = Inputs.Expand(topology, OneStage("{racks: [r1]}", "{rolling: {}}"));

        // h4 is outside the campaign and has the most room, but a-2 already stands in its rack.
        Assert.Equal([["h2"], ["h1"]], plan.WaveHosts());
        var move = Assert.Single(plan.Moves()).Move;
        Assert.Equal(new Move(new InstanceId("a-1"), new VnfId("a"), new HostId("h1"), new HostId("h2"), MigrationMode.Live) { Fallback = MigrationMode.Cold }, move);
    }

    [Fact]
    public void Expand_Evacuation_HonoursCapacityOfEveryResource()
    {
        var topology = Hosts("""
              - {name: v, flavor: {vcpu: 8, ramGiB: 4}, redundancy: none, instances: [{name: x, host: h1}]}
            """, ("h1", "r1", 8, 32), ("h2", "r1", 8, 32), ("h3", "r2", 1, 512));

        var plan = Inputs.Expand(topology, OneStage("{racks: [r1]}", "{rolling: {}}"));

        // h3 has the most free RAM, but 1 vCPU × 4 overcommit cannot take 8 vCPU.
        Assert.Equal(("x", "h2"), plan.Moves().Select(m => (m.Move.Instance.Name, m.Move.To?.Name)).Single());
    }

    [Fact]
    public void Expand_VnfThatCannotMigrate_NoteAndHostDownInTheUpgrade()
    {
        var topology = Hosts("""
              - {name: pinned, flavor: {vcpu: 1, ramGiB: 1}, redundancy: none, migration: none, instances: [{name: p-1, host: h1}]}
            """, ("h1", "r1", 8, 32), ("h2", "r1", 8, 32));

        var plan = Inputs.Expand(topology, OneStage("{}", "{rolling: {}}"));

        var note = Assert.Single(plan.Notes);
        Assert.Equal(("ESC-N01", 2), (note.Code, note.Wave));
        Assert.Contains("p-1 (pinned) cannot leave h1: it allows migration none, the procedure moves live or cold", note.Message, StringComparison.Ordinal);
        Assert.Empty(plan.Moves());
        var upgrade = plan.Waves[1].Steps.Single(s => s.Action == StepAction.Upgrade);
        Assert.Equal<Unavailability>([new Unavailability(new InstanceId("p-1"), new VnfId("pinned"), UnavailableReason.HostDown, 600)], upgrade.Unavailable);
        Assert.Equal("upgrade host-os 1.0.0 → 2.0.0; reboot", upgrade.Detail);
    }

    [Fact]
    public void Expand_NoHostWithRoom_NoteAndTheVmStays()
    {
        var topology = Hosts("""
              - {name: big, flavor: {vcpu: 8, ramGiB: 4}, redundancy: none, instances: [{name: b-1, host: h1}]}
            """, ("h1", "r1", 2, 32), ("h2", "r1", 1, 32));

        var plan = Inputs.Expand(topology, OneStage("{}", "{rolling: {}}"));

        var note = Assert.Single(plan.Notes);
        Assert.Equal(("ESC-N02", 2), (note.Code, note.Wave));
        Assert.Contains("no compute host of site s1 in service while wave 2 is out has room for b-1 (big: 8 vCPU, 4 GiB RAM, 0 GiB disk)", note.Message, StringComparison.Ordinal);
        Assert.Contains("it stays on h1", note.Message, StringComparison.Ordinal);
        // It keeps its step, without destination: the engines ask the scheduler again when it leaves.
        Assert.Null(Assert.Single(plan.Moves()).Move.To);
        Assert.Single(plan.Waves[1].Steps.Single(s => s.Action == StepAction.Upgrade).Unavailable);
    }

    [Fact]
    public void Expand_VnfAllowingOnlyCold_FallsBackToColdMigration()
    {
        var topology = Hosts("""
              - {name: fw, flavor: {vcpu: 1, ramGiB: 1}, redundancy: none, migration: cold, instances: [{name: fw-1, host: h1}]}
            """, ("h1", "r1", 8, 32), ("h2", "r1", 8, 32));

        var plan = Inputs.Expand(topology, OneStage("{}", "{rolling: {}}"));

        var step = plan.Waves[1].Steps.Single(s => s.Action == StepAction.Evacuate);
        Assert.Equal(MigrationMode.Cold, Assert.Single(step.Moves).Mode);
        Assert.Equal(UnavailableReason.ColdMigration, Assert.Single(step.Unavailable).Reason);
        Assert.Equal("cold-migrate fw-1 (fw) to h2", step.Detail);
        Assert.Empty(plan.Waves[1].Steps.Single(s => s.Action == StepAction.Upgrade).Unavailable);
    }

    [Fact]
    public void Expand_ActiveStandby_SwitchesOverBeforeEachActiveHostGoes()
    {
        var topology = Hosts("""
              - name: mme
                flavor: {vcpu: 1, ramGiB: 1}
                redundancy: {model: active-standby, active: mme-2}
                antiAffinity: host
                switchover: 50ms
                maintenance: {coordinated: true, replyTimeout: 20s}
                instances: [{name: mme-1, host: h1}, {name: mme-2, host: h2}]
            """, ("h1", "r1", 8, 32), ("h2", "r1", 8, 32), ("h3", "r1", 8, 32));
        var procedures = """
            procedures:
              p:
                - {action: notify, event: PREPARE_MAINTENANCE, waitReply: true, expected: 5s, timeout: 20s, onTimeout: skip}
                - {action: switchover, expected: 3s, timeout: 30s}
                - {action: evacuate, mode: live, expected: 30s, timeout: 5m}
                - {action: upgrade, expected: 10m, timeout: 20m}
            """;

        var plan = Inputs.Expand(topology, OneStage("{}", "{rolling: {}}", procedures));

        Assert.Equal([["h3"], ["h1"], ["h2"]], plan.WaveHosts());
        Assert.DoesNotContain(plan.Waves[1].Steps, s => s.Action == StepAction.Switchover);
        var switchover = plan.Waves[2].Steps.Single(s => s.Action == StepAction.Switchover);
        Assert.Equal("switch mme over from mme-2 to mme-1", switchover.Detail);
        Assert.Equal(0.05, switchover.ExpectedSeconds);
        Assert.Equal(UnavailableReason.Switchover, Assert.Single(switchover.Unavailable).Reason);
        var notify = plan.Waves[1].Steps.Single(s => s.Action == StepAction.Notify);
        Assert.Equal("send PREPARE_MAINTENANCE to the VNFM of mme and wait for the reply (at most 20s)", notify.Detail);
    }
}
