using Escalator.Model.Semantics;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.Tests.Runs;

public sealed class RecoveryTests
{
    private const string Procedure = """
            - {action: enter-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
            - {action: upgrade, expected: 100s, timeout: 10m, onTimeout: rollback}
            - {action: leave-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
        """;

    private static PlanSimulator Pool(string faults, string recovery, string procedure = Procedure) =>
        World.Simulator(World.Topology(3, OutageAccountingTests.PinnedPool),
            World.Campaign(procedure, simulation: $"durations: {{distribution: fixed}}\n  faults: {faults}", recovery: recovery));

    [Fact]
    public void Run_EveryStepFailsWithGracefulRollback_StopsAfterTheFirstHostAndRollsBack()
    {
        var simulator = Pool("{stepFails: 1}", "{retries: 1, rollback: graceful, maxFailures: 1}");

        var result = simulator.Run(1, 3);

        Assert.Equal(RunOutcome.RolledBack, result.Outcome);
        Assert.Equal(1, result.FailedHosts);
        // Enter-maintenance tried twice (one retry, after its 5 s pause); nothing was upgraded, so the rollback has nothing
        // to take back, and the failed host stays for an operator, as the executor leaves it.
        Assert.Equal(2 * 5 + Recovery.RetryDelaySeconds(0), result.DurationSeconds, 1e-9);
        Assert.Equal(0, result.RollbackSeconds, 1e-9);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 3)]
    public void Run_HostsOutsideTheWaveFail_TheirVmsAreDownUntilTheWaveIsDone(double rate, int breachedWaves)
    {
        // p1..p3 on h1..h3, one host a wave, 2 of 3 needed: a wave's planned loss plus one failed host outside it is one too many.
        var simulator = Pool($"{{hostFails: {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}", "{retries: 0, rollback: none, maxFailures: 1}");

        var result = simulator.Run(1, 3, trace: true);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(breachedWaves, result.Breaches.Where(b => b.Kind == BreachKind.Redundancy && b.Subject == "pool").Select(b => b.Wave).Distinct().Count());
        Assert.Equal(breachedWaves == 0 ? 0 : 2, result.Timeline!.Entries.Count(e => e.Lane == "h2" && e.Label.Contains("failed outside wave", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_EveryStepFailsWithoutRollback_StopsAndLeavesItForAnOperator()
    {
        var simulator = Pool("{stepFails: 1}", "{retries: 0, rollback: none, maxFailures: 1}");

        var result = simulator.Run(1, 3);

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(5.0, result.DurationSeconds, 1e-9);
        Assert.Equal(0, result.RollbackSeconds);
    }

    [Fact]
    public void Run_FailuresBelowTheLimit_LeaveEachHostForAnOperatorAndGoOn()
    {
        var simulator = Pool("{stepFails: 1}", "{retries: 0, rollback: restore, maxFailures: 3}");

        var result = simulator.Run(1, 3, trace: true);

        Assert.Equal(RunOutcome.RolledBack, result.Outcome);
        Assert.Equal(3, result.FailedHosts);
        // h1 and h2 fail and stay out while the campaign goes on; h3's failure reaches the limit. None was upgraded: the
        // rollback takes nothing back, and the failed hosts stay for an operator, as the executor leaves them.
        Assert.Equal(3 * 5, result.DurationSeconds, 1e-9);
        Assert.Equal(0, result.Timeline!.Entries.Count(e => e.Category == TimelineCategory.Rollback));
        Assert.Equal(3, result.Timeline.Waves.Count);
    }

    [Fact]
    public void Run_HostDoesNotComeBack_WaitsOutTheTimeoutAndItsInstanceStaysDown()
    {
        var simulator = Pool("{hostNotBack: 1}", "{retries: 1, rollback: graceful, maxFailures: 1}");

        var result = simulator.Run(1, 3);

        Assert.Equal(RunOutcome.RolledBack, result.Outcome);
        Assert.Equal(5 + 600.0, result.DurationSeconds, 1e-9);
        Assert.Equal(600.0, result.InstanceDowntime[0], 1e-9);
        Assert.Equal(0, result.Vnfs[0].Seconds);
    }

    [Fact]
    public void Run_SilentVnfm_NotificationWaitsItsReplyTimeoutThenSkips()
    {
        var topology = World.Topology(2, """
              - name: solo
                flavor: {vcpu: 2, ramGiB: 4}
                redundancy: none
                migration: none
                maintenance: {coordinated: true, leadTime: 0s, replyTimeout: 20s, actions: [migrate]}
                instances:
                  - {name: s1, host: h1}
            """);
        const string notify = """
                - {action: enter-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
                - {action: notify, event: PREPARE_MAINTENANCE, waitReply: true, expected: 5s, timeout: 30s, onTimeout: skip}
                - {action: upgrade, expected: 100s, timeout: 10m, onTimeout: rollback}
            """;
        var silent = World.Simulator(topology, World.Campaign(notify, simulation: "durations: {distribution: fixed}\n  faults: {vnfmSilent: 1}"));
        var answering = World.Simulator(topology, World.Campaign(notify, simulation: "durations: {distribution: fixed}"));

        var quiet = silent.Run(1, 3, trace: true);
        var normal = answering.Run(1, 3);

        Assert.Equal(RunOutcome.Completed, quiet.Outcome);
        // Answered, the notice lasts its expected 5 s; unanswered, the VNFM's reply timeout of 20 s.
        Assert.Equal(20 - 5.0, quiet.DurationSeconds - normal.DurationSeconds, 1e-9);
        Assert.Contains(quiet.Timeline!.Entries, e => e.Label.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MigrationDoesNotConverge_AbortsAtNovasTimeoutThenFallsBackToCold()
    {
        var topology = World.Topology(2, """
              - name: solo
                flavor: {vcpu: 2, ramGiB: 4, diskGiB: 11}
                redundancy: none
                migration: {mode: live, usedMemoryGiB: 1, dirtyRateMiBps: 10}
                instances:
                  - {name: s1, host: h1}
            """);
        const string evacuate = """
                - {action: enter-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
                - {action: evacuate, mode: live, fallback: cold, expected: 30s, timeout: 20m, onTimeout: fall-back}
                - {action: upgrade, expected: 100s, timeout: 10m, onTimeout: rollback}
            """;
        var simulator = World.Simulator(topology, World.Campaign(evacuate, simulation: "durations: {distribution: fixed}\n  faults: {migrationNoConvergence: 1}"));

        var result = simulator.Run(1, 3);

        Assert.Equal(2, result.Migrations);
        Assert.Equal(1, result.AbortedMigrations);
        // Cold: 30 s of stop and start plus 11 GiB of disk at 1.1 GiB/s.
        Assert.Equal(40.0, result.InstanceDowntime[0], 1e-9);
        // A VNF that tolerates no loss is out for the whole cold move; without a budget it tolerates no interruption at all.
        Assert.Equal(40.0, result.Vnfs[0].Seconds, 1e-9);
        var breach = Assert.Single(result.Breaches);
        Assert.Equal((BreachKind.Redundancy, "solo", 2), (breach.Kind, breach.Subject, breach.Wave));
    }

    [Fact]
    public void Run_UpgradeFailsOnceThenSucceeds_InstanceDownForBothAttemptsOnly()
    {
        // The first seed whose run retries one upgrade and completes; the pinned instance on that host is down for both
        // attempts (100 s each) and the 5 s pause before the retry, and back afterwards, not held down by the first.
        var simulator = Pool("{stepFails: 0.3}", "{retries: 1, rollback: graceful, maxFailures: 1}");
        var (seed, result) = Enumerable.Range(1, 500).Select(s => (s, simulator.Run(1, s, trace: true)))
            .First(p => p.Item2.Outcome == RunOutcome.Completed
                && p.Item2.Timeline!.Entries.Count(e => e.Label.StartsWith("upgrade", StringComparison.Ordinal) && e.Label.EndsWith("(failed)", StringComparison.Ordinal)) == 1);
        var failed = result.Timeline!.Entries.Single(e => e.Label.StartsWith("upgrade", StringComparison.Ordinal) && e.Label.EndsWith("(failed)", StringComparison.Ordinal));
        var instance = int.Parse(failed.Lane.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1;

        Assert.Equal(200.0 + Recovery.RetryDelaySeconds(0), result.InstanceDowntime[instance], 1e-9);
        Assert.All(result.InstanceDowntime.Where((_, i) => i != instance), d => Assert.Equal(100.0, d, 1e-9));
        Assert.True(result.Breaches.Count == 0, $"seed {seed}: {string.Join("; ", result.Breaches)}");
    }
}
