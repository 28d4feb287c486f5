using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Plans;

public sealed partial class PlanExpanderTests
{
    private const string OldAndNew = """
        name: t
        profiles:
          cmp: {roles: [compute], capacity: {vcpu: 16, ramGiB: 64}, software: {host-os: 1.0.0}}
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - name: r1
                    hosts:
                      - {name: "old-[1-3]", profile: cmp, labels: {pool: old}}
                      - {name: ctl-1, roles: [control], capacity: {vcpu: 8, ramGiB: 32}, software: {keystone: 22.0.0}}
                  - name: r2
                    hosts:
                      - {name: "new-[1-2]", profile: cmp, labels: {pool: new}}
        clusters:
          - {service: keystone, members: [ctl-1], quorum: any}
        vnfs:
          - name: v
            flavor: {vcpu: 2, ramGiB: 8}
            redundancy: {model: n+m, minActive: 1}
            antiAffinity: host
            instances: [{name: v-1, host: old-1}, {name: v-2, host: old-2}]
        """;

    private const string UniverseCampaign = """
        name: c
        targets: {host-os: 2.0.0}
        components:
          - {name: host-os, impact: {rebootHost: true, evacuate: true}}
        stages:
          - name: swap
            scope: {labels: {pool: old}}
            procedure: p
            strategy:
              parallelUniverse:
                spares: {labels: {pool: new}}
                stateTransfer: {expected: 5m, timeout: 30m, onTimeout: rollback}
                cutover: {expected: 1m, timeout: 5m}
                cutoverServices: [keystone]
                moves: {maxUnavailable: 2}
        procedures:
          p:
            - {action: evacuate, mode: live, expected: 30s, timeout: 5m}
            - {action: upgrade, expected: 10m, timeout: 20m}
            - {action: verify, checks: [api], expected: 30s, timeout: 5m}
        checks:
          api: {url: "http://127.0.0.1:5000/", timeout: 10s}
        """;

    [Fact]
    public void Expand_ParallelUniverse_BuildTransferCutoverThenMoveAndRetire()
    {
        var plan = Inputs.Expand(OldAndNew, UniverseCampaign);

        Assert.Equal([WaveKind.Build, WaveKind.Transfer, WaveKind.Cutover, WaveKind.Move, WaveKind.Move], plan.Waves.Select(w => w.Kind));
        Assert.Equal([["new-1", "new-2"], [], [], ["old-3", "old-1"], ["old-2"]], plan.WaveHosts());
        Assert.Equal("parallel-universe", plan.Stages[0].Strategy);
        Assert.Equal(["old-1", "old-2", "old-3"], plan.Stages[0].Hosts.Names());
    }

    [Fact]
    public void Expand_ParallelUniverse_BuildsAndVerifiesEverySpare()
    {
        var plan = Inputs.Expand(OldAndNew, UniverseCampaign);

        Assert.Equal(
            [("new-1", StepAction.Build), ("new-1", StepAction.Verify), ("new-2", StepAction.Build), ("new-2", StepAction.Verify)],
            plan.Waves[0].Steps.Select(s => (s.Target, s.Action)));
        Assert.Equal("install host-os 2.0.0 on new-1", plan.Waves[0].Steps[0].Detail);
        Assert.Equal((600.0, 1200.0), (plan.Waves[0].Steps[0].ExpectedSeconds, plan.Waves[0].Steps[0].TimeoutSeconds));
    }

    [Fact]
    public void Expand_ParallelUniverse_TransferAndCutoverAreStageStepsWithTheirTimings()
    {
        var plan = Inputs.Expand(OldAndNew, UniverseCampaign);

        var transfer = Assert.Single(plan.Waves[1].Steps);
        var cutover = Assert.Single(plan.Waves[2].Steps);
        Assert.Equal(("swap", StepAction.TransferState, 300.0, 1800.0, ExpiryPolicy.Rollback),
            (transfer.Target, transfer.Action, transfer.ExpectedSeconds, transfer.TimeoutSeconds, transfer.OnTimeout));
        Assert.Equal("transfer state from the 3 old host(s) to the 2 new one(s)", transfer.Detail);
        Assert.Equal(("swap", StepAction.Cutover, 60.0, 300.0), (cutover.Target, cutover.Action, cutover.ExpectedSeconds, cutover.TimeoutSeconds));
        Assert.Equal<ServiceOutage>([new ServiceOutage("keystone", new HostId("ctl-1"))], cutover.Services);
    }

    [Fact]
    public void Expand_ParallelUniverse_MovesOnlyToTheNewUniverseAndRetiresTheOld()
    {
        var plan = Inputs.Expand(OldAndNew, UniverseCampaign);

        // old-3 is empty and goes first with old-1; v-1 takes new-1 (equal room, natural order); anti-affinity sends v-2 to new-2.
        Assert.Equal([(4, "v-1", "old-1", "new-1"), (5, "v-2", "old-2", "new-2")],
            plan.Moves().Select(m => (m.Wave.Number, m.Move.Instance.Name, m.Move.From.Name, m.Move.To?.Name)));
        Assert.Equal(["old-3", "old-1", "old-2"],
            plan.Waves.SelectMany(w => w.Steps).Where(s => s.Action == StepAction.Retire).Select(s => s.Target));
        Assert.DoesNotContain(plan.Waves.Skip(3).SelectMany(w => w.Steps), s => s.Action is StepAction.Upgrade or StepAction.Verify);
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void Expand_ParallelUniverseWithAVmThatCannotMove_RetireStepListsItAsDown()
    {
        var topology = OldAndNew + """

              - {name: p, flavor: {vcpu: 1, ramGiB: 1}, redundancy: none, migration: none, instances: [{name: p-1, host: old-2}]}
            """;

        var plan = Inputs.Expand(topology, UniverseCampaign);

        Assert.Equal("ESC-N01", Assert.Single(plan.Notes).Code);
        var retire = plan.Waves[4].Steps.Single(s => s.Action == StepAction.Retire);
        Assert.Equal("old-2", retire.Target);
        Assert.Equal<Unavailability>([new Unavailability(new InstanceId("p-1"), new VnfId("p"), UnavailableReason.HostDown, double.PositiveInfinity)], retire.Unavailable);
        Assert.All(plan.Waves[3].Steps.Where(s => s.Action == StepAction.Retire), s => Assert.Empty(s.Unavailable));
    }
}
