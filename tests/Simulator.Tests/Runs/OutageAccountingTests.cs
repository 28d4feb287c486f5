using Escalator.Simulator.Runs;

namespace Escalator.Simulator.Tests.Runs;

public sealed class OutageAccountingTests
{
    private const string Upgrade = """
            - {action: enter-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
            - {action: upgrade, expected: 100s, timeout: 10m, onTimeout: rollback}
            - {action: leave-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
        """;

    [Fact]
    public void Run_ActiveStandbyPairWithSwitchovers_OutOnlyForEachSwitchover()
    {
        // a1 active on h1, a2 on h2, h3 empty (so upgraded first). The h1 wave hands over to a2 (3 s out) and live-migrates
        // a1 to h3; the h2 wave hands back to a1 (3 s out) and moves a2. Standby pauses cost the pair nothing.
        var topology = World.Topology(3, """
              - name: pair
                flavor: {vcpu: 2, ramGiB: 4}
                redundancy: {model: active-standby, active: a1}
                antiAffinity: host
                migration: {mode: live, usedMemoryGiB: 1, dirtyRateMiBps: 10}
                switchover: 3s
                instances:
                  - {name: a1, host: h1}
                  - {name: a2, host: h2}
            """);
        var campaign = World.Campaign("""
            - {action: enter-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
            - {action: switchover, expected: 3s, timeout: 30s, onTimeout: abort}
            - {action: evacuate, mode: live, expected: 30s, timeout: 10m, onTimeout: abort}
            - {action: upgrade, expected: 100s, timeout: 10m, onTimeout: rollback}
            - {action: leave-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
        """);
        var simulator = World.Simulator(topology, campaign);
        var switchovers = simulator.Plan.Waves.Sum(w => w.Steps.Count(s => s.Action == Model.Campaigns.StepAction.Switchover));

        var result = simulator.Run(1, 7, faults: false);

        Assert.Equal(2, switchovers);
        Assert.Equal(2 * 3.0, result.Vnfs[0].Seconds, 1e-9);
        Assert.Equal(2, result.Vnfs[0].Interruptions);
        Assert.Equal(3.0, result.Vnfs[0].LongestSeconds, 1e-9);
        Assert.Empty(result.Breaches);
        Assert.All(result.InstanceDowntime, d => Assert.InRange(d, 0.001, 0.2));
    }

    [Fact]
    public void Run_NPlusMPoolWithTwoHostsOutTogether_OutForTheUpgradeAndBreachesRedundancy()
    {
        // 2 of 3 needed, pinned (no migration): with two hosts down together only one instance is left for 100 s.
        var topology = World.Topology(3, PinnedPool);
        var simulator = World.Simulator(topology, World.Campaign(Upgrade, maxUnavailable: 2));

        var result = simulator.Run(1, 7, faults: false);

        Assert.Equal(100.0, result.Vnfs[0].Seconds, 1e-9);
        Assert.Equal(1, result.Vnfs[0].Interruptions);
        var breach = Assert.Single(result.Breaches);
        Assert.Equal(BreachKind.Redundancy, breach.Kind);
        Assert.Equal("pool", breach.Subject);
        Assert.Equal(1, breach.Wave);
        Assert.Equal(5.0, breach.Time, 1e-9);
        Assert.Equal([100.0, 100.0, 100.0], result.InstanceDowntime.Select(d => Math.Round(d, 9)));
    }

    [Fact]
    public void Run_NPlusMPoolOneHostAtATime_NeverOut()
    {
        var simulator = World.Simulator(World.Topology(3, PinnedPool), World.Campaign(Upgrade, maxUnavailable: 1));

        var result = simulator.Run(1, 7, faults: false);

        Assert.Equal(0, result.Vnfs[0].Seconds);
        Assert.Empty(result.Breaches);
        Assert.Equal(3 * 110.0, result.DurationSeconds, 1e-9);
        Assert.Equal(1, result.PeakHostsOut);
    }

    internal const string PinnedPool = """
          - name: pool
            flavor: {vcpu: 2, ramGiB: 4}
            redundancy: {model: n+m, minActive: 2}
            antiAffinity: host
            migration: none
            instances:
              - {name: p1, host: h1}
              - {name: p2, host: h2}
              - {name: p3, host: h3}
        """;
}
