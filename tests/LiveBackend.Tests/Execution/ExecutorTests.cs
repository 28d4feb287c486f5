using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.Execution;

public sealed class ExecutorTests
{
    private const string Rolling = "ha/rolling-computes.yaml";

    [Fact]
    public void RunAsync_SafeRollingCampaign_UpgradesEveryHostAndLeavesAllEnabled()
    {
        using var run = SimulatedRun.Of(Rolling);

        var result = run.Run();

        Assert.Equal(RunState.Completed, result.State);
        Assert.Empty(result.Failures);
        var upgraded = run.Plan.Stages.SelectMany(s => s.Hosts).ToList();
        Assert.NotEmpty(upgraded);
        foreach (var host in upgraded)
        {
            Assert.All(run.Campaign.Targets, t => Assert.Equal(t.Value.ToString(), run.Backend.VersionsOf(host)[t.Key]));
        }
        Assert.All(run.Topology.Hosts, h => Assert.True(run.Backend.IsEnabled(h.Id), $"{h.Id} left disabled"));
        Assert.Empty(run.Journal.StillDisabled(run.RunId));
        Assert.Equal(run.Plan.Waves.Sum(w => w.Steps.Length), result.StepsRun);
    }

    [Fact]
    public void RunAsync_SafeRollingCampaign_KeepsAntiAffinityAndLosesNoServer()
    {
        using var run = SimulatedRun.Of(Rolling);

        run.Run();

        foreach (var vnf in run.Topology.Vnfs.Where(v => v.AntiAffinity != AntiAffinity.None))
        {
            var domains = vnf.Instances.Select(i => FaultDomain.Of(run.Topology.Hosts.Single(h => h.Id == run.Backend.HostOf(i.Id.Name)), vnf.AntiAffinity)).ToList();
            Assert.Equal(domains.Count, domains.Distinct().Count());
        }
        var computes = run.Topology.Hosts.Where(h => h.Roles.HasFlag(HostRoles.Compute)).Select(h => h.Id).ToHashSet();
        Assert.All(run.Topology.Vnfs.SelectMany(v => v.Instances), i => Assert.Contains(run.Backend.HostOf(i.Id.Name), computes));
    }

    [Fact]
    public void RunAsync_CoordinatedVnfs_HearTheirNoticesInProcedureOrder()
    {
        using var run = SimulatedRun.Of(Rolling);

        run.Run();

        var first = run.Vnfm.Received[0];
        Assert.Equal(Model.Campaigns.FenixEvent.PrepareMaintenance, first.Event);
        Assert.Contains(run.Vnfm.Received, n => n.Action == "switchover");
        Assert.Contains(run.Vnfm.Received, n => n.Event == Model.Campaigns.FenixEvent.MaintenanceComplete);
    }

    [Fact]
    public void RunAsync_UnsafeVerdictWithoutOverride_RefusesAndTouchesNothing()
    {
        using var run = SimulatedRun.Of(Rolling);

        var result = run.Run(new SafetyCheck(false, "unsafe: wave 2 takes two instances of vepc-mme down"));

        Assert.True(result.Refused);
        Assert.Contains("not proved safe", result.Refusal);
        Assert.Empty(run.Journal.Entries(run.RunId));
        Assert.Null(run.Journal.StateOfRun(run.RunId));
    }

    [Fact]
    public void RunAsync_UnsafeVerdictWithOverride_RunsAndLogsTheOverride()
    {
        using var run = SimulatedRun.Of(Rolling);

        var result = run.Run(new SafetyCheck(false, "unknown: timeout", Override: true));

        Assert.Equal(RunState.Completed, result.State);
        Assert.Contains(run.Events, e => e.Action == "verdict" && e.Outcome == "override" && e.Code == "ESC-X01");
    }

    [Fact]
    public void RunAsync_HostDisabledBySomeoneElse_RefusesToStartAndSaysWhy()
    {
        using var run = SimulatedRun.Of(Rolling);
        var host = run.Plan.Stages[0].Hosts[0];
        run.Backend.DisableByOthers(host, "hardware ticket 4711");

        var result = run.Run();

        Assert.True(result.Refused);
        Assert.Contains($"the host {host} is disabled by someone else (hardware ticket 4711)", result.Refusal);
        Assert.Empty(run.Journal.Entries(run.RunId));
    }

    [Fact]
    public void RunAsync_CloudLockedByAnotherCampaign_Refuses()
    {
        using var run = SimulatedRun.Of(Rolling);
        run.Journal.TryLock(run.Backend.Cloud, "other-campaign", "ops:42", TimeSpan.FromHours(1));

        var result = run.Run();

        Assert.True(result.Refused);
        Assert.Contains("campaign 'other-campaign' holds the lock", result.Refusal);
    }

    [Fact]
    public void RunAsync_CompletedRunAgain_DoesNothing()
    {
        using var run = SimulatedRun.Of(Rolling);
        run.Run();
        var entries = run.Journal.Entries(run.RunId).Count;

        var again = run.Run();

        Assert.Equal(RunState.Completed, again.State);
        Assert.Equal(0, again.StepsRun);
        Assert.Equal(entries, run.Journal.Entries(run.RunId).Count);
    }

    [Fact]
    public void RunAsync_CrashMidRunThenResume_SameEndStateNothingDoneTwice()
    {
        using var reference = SimulatedRun.Of(Rolling);
        reference.Run();
        using var run = SimulatedRun.Of(Rolling);

        var crashed = run.Run(cancelAfter: TimeSpan.FromMinutes(30));
        var inFlight = run.Journal.InFlight(run.RunId);
        var resumed = run.Run(holder: "test:2");

        Assert.Equal("crashed", crashed.Refusal);
        Assert.NotEmpty(inFlight);
        Assert.Equal(RunState.Completed, resumed.State);
        Assert.True(resumed.StepsDone > 0);
        foreach (var host in run.Topology.Hosts)
        {
            Assert.Equal(reference.Backend.VersionsOf(host.Id), run.Backend.VersionsOf(host.Id));
            Assert.True(run.Backend.IsEnabled(host.Id));
        }
        var okPerStep = run.Journal.Entries(run.RunId).Where(e => e.Outcome == ActionOutcome.Ok).GroupBy(e => e.Step);
        Assert.All(okPerStep, g => Assert.Single(g));
        Assert.Equal(run.Plan.Waves.Sum(w => w.Steps.Length), okPerStep.Count());
    }

    [Fact]
    public void RunAsync_SuspendRequestedMidRun_StopsResumableThenResumeCompletes()
    {
        using var run = SimulatedRun.Of(Rolling);
        run.OnEvent = e =>
        {
            if (e is { Action: "Upgrade", Outcome: "ok" } && run.Journal.PendingControl(run.RunId) is null && !run.With("suspended").Any())
            {
                run.Journal.RequestControl(run.RunId, ControlRequest.Suspend);
            }
        };

        var first = run.Run();
        var disabledWhileSuspended = run.Journal.StillDisabled(run.RunId).Count;
        run.OnEvent = null;
        var second = run.Run();

        Assert.Equal(RunState.Suspended, first.State);
        Assert.True(disabledWhileSuspended > 0, "a host mid-procedure stays in maintenance while suspended");
        Assert.Equal(RunState.Completed, second.State);
        Assert.True(second.StepsDone > 0);
        Assert.All(run.Topology.Hosts, h => Assert.True(run.Backend.IsEnabled(h.Id)));
    }

    [Fact]
    public void RunAsync_AbortRequestedMidRun_EnablesWhatItDisabledAndEnds()
    {
        using var run = SimulatedRun.Of(Rolling);
        run.OnEvent = e =>
        {
            if (e is { Action: "Evacuate", Outcome: "ok" }) run.Journal.RequestControl(run.RunId, ControlRequest.Abort);
        };

        var result = run.Run();

        Assert.Equal(RunState.Aborted, result.State);
        Assert.Empty(run.Journal.StillDisabled(run.RunId));
        Assert.All(run.Topology.Hosts, h => Assert.True(run.Backend.IsEnabled(h.Id)));
    }

    [Fact]
    public void RunAsync_LiveMigrationNeverConverges_TimesOutAbortsAndFallsBackToCold()
    {
        using var run = SimulatedRun.Of(Rolling, faults: true, edit: c => c with
        {
            Simulation = c.Simulation with { Faults = new Model.Campaigns.FaultRates(0, 0, 1, 0) },
        });

        var result = run.Run();

        Assert.Equal(RunState.Completed, result.State);
        Assert.Contains(run.Events, e => e is { Action: "Evacuate", Outcome: "timed-out" });
        Assert.Contains(run.Events, e => e is { Action: "Evacuate", Outcome: "aborted" });
        Assert.Contains(run.Events, e => e is { Action: "Evacuate", Outcome: "ok" } && e.Message.Contains("(fallback)", StringComparison.Ordinal));
    }

    [Fact]
    public void RunAsync_StageWideCutoverFails_RollsTheCampaignBackWithoutFailingAHost()
    {
        // The parallel universe's cutover (target: the stage, onTimeout: rollback) fails every time: Recovery.FailureOf
        // says the campaign rolls back, and no host is failed (the stage's name is not a host: failing it would throw).
        using var run = SimulatedRun.Of("universe/parallel-universe.yaml");
        var cutover = run.Plan.Waves.SelectMany(w => w.Steps).Single(s => s.Action == Model.Campaigns.StepAction.Cutover);
        run.Backend.ScriptedFaults.Add((cutover.Target, Model.Campaigns.StepAction.Cutover));

        var result = run.Run();

        Assert.Equal(RunState.RolledBack, result.State);
        Assert.Contains(run.Events, e => e is { Action: "Cutover", Outcome: "failed" });
    }

    [Fact]
    public void RunAsync_CrashDuringTheRollbackThenResume_FinishesTheRollbackWithoutRedoingAHost()
    {
        using var run = SimulatedRun.Of(Rolling);
        var order = run.Plan.Waves.SelectMany(w => w.Hosts).ToList();
        run.Backend.ScriptedFaults.Add((order[2].Name, Model.Campaigns.StepAction.Upgrade));
        var hostsStarted = 0;
        run.OnEvent = e =>
        {
            // The process dies as the second host's rollback begins: the first host's is journaled as done.
            if (e.Action == "rollback" && e.Outcome == "started" && e.Target.Length > 0 && ++hostsStarted == 2) throw new TimeoutException("crash");
        };

        Assert.Throws<TimeoutException>(() => run.Run());
        run.OnEvent = null;
        var stateAfterCrash = run.Journal.StateOfRun(run.RunId);
        var resumed = run.Run(holder: "test:2");

        Assert.Equal(RunState.RollingBack, stateAfterCrash);
        Assert.Equal(RunState.RolledBack, resumed.State);
        Assert.Contains(run.Events, e => e.Action == "rollback" && e.Outcome == "note");
        var rollbacks = run.Journal.Entries(run.RunId).Where(e => e.Action == "Rollback" && e.Outcome == ActionOutcome.Ok).ToList();
        Assert.Equal(rollbacks.Count, rollbacks.Select(e => e.Step.Target).Distinct().Count());
        Assert.Equal(["0", "1"], rollbacks.Select(e => order.IndexOf(new(e.Step.Target)).ToString(System.Globalization.CultureInfo.InvariantCulture)).Order());
        foreach (var host in order.Take(2))
        {
            var original = run.Topology.Hosts.Single(h => h.Id == host).Software;
            Assert.All(run.Campaign.Targets.Keys, c => Assert.Equal(original[c].ToString(), run.Backend.VersionsOf(host)[c]));
            Assert.True(run.Backend.IsEnabled(host));
        }
        Assert.False(run.Backend.IsEnabled(order[2]), "the failed host is still left for an operator");
    }

    [Fact]
    public void RunAsync_UpgradeFailsOnSecondHost_RollsBackTheFirstAndLeavesTheFailedOneDisabled()
    {
        using var run = SimulatedRun.Of(Rolling);
        var order = run.Plan.Waves.SelectMany(w => w.Hosts).ToList();
        run.Backend.ScriptedFaults.Add((order[1].Name, Model.Campaigns.StepAction.Upgrade));

        var result = run.Run();

        Assert.Equal(RunState.RolledBack, result.State);
        Assert.Contains(result.Failures, f => f.Contains(order[1].Name, StringComparison.Ordinal));
        var original = run.Topology.Hosts.Single(h => h.Id == order[0]).Software;
        Assert.All(run.Campaign.Targets.Keys, c => Assert.Equal(original[c].ToString(), run.Backend.VersionsOf(order[0])[c]));
        Assert.False(run.Backend.IsEnabled(order[1]), "the failed host is left for an operator");
        Assert.All(order.Skip(2).Append(order[0]), h => Assert.True(run.Backend.IsEnabled(h)));
    }

    [Fact]
    public void RunAsync_HostFailedInAnEarlierWave_ItsStepsInLaterWavesAreNotRun()
    {
        // ctl-2's upgrade fails for good in the database stage (skip: the host fails, the campaign goes on); the later
        // stages leave it alone, as the simulator does: it stays out for an operator.
        using var run = SimulatedRun.Of("ha/control-plane.yaml", edit: c => c with
        {
            Recovery = c.Recovery with { MaxFailures = 5 },
            Procedures = [.. c.Procedures.Select(p => p with
            {
                Steps = [.. p.Steps.Select(s => s.Action == Model.Campaigns.StepAction.Upgrade ? s with { OnTimeout = Model.Campaigns.ExpiryPolicy.Skip } : s)],
            })],
        });
        run.Backend.ScriptedFaults.Add(("ctl-2", Model.Campaigns.StepAction.Upgrade));

        run.Run();

        var waves = run.Events.Where(e => e.Target == "ctl-2" && e.Seconds is not null).Select(e => e.Wave).Distinct().ToList();
        Assert.Equal([2], waves);
        Assert.Contains(run.Events, e => e is { Target: "ctl-2", Outcome: "skipped", Wave: 5 });
        Assert.Contains(run.Events, e => e is { Target: "ctl-3", Action: "Upgrade", Outcome: "ok", Wave: 15 });
    }

    [Fact]
    public void RunAsync_EveryWave_ItsComputeHostsTakeNoVmsUntilTheWaveIsDone()
    {
        // The plan counts a wave's hosts out for the whole wave: Nova must not place an evacuated VM on a host of the wave,
        // whether or not that host's own steps disable it (here none does), nor on one that finished early.
        using var run = SimulatedRun.Of(Rolling, edit: c => c with
        {
            Procedures = [.. c.Procedures.Select(p => p with
            {
                Steps = [.. p.Steps.Where(s => s.Action is not (Model.Campaigns.StepAction.EnterMaintenance or Model.Campaigns.StepAction.LeaveMaintenance))],
            })],
        });
        var disabledAtEachMove = new List<(int Wave, bool AllOut)>();
        run.OnEvent = e =>
        {
            if (e is { Action: "Evacuate", Outcome: "ok" })
            {
                disabledAtEachMove.Add((e.Wave, run.Plan.Waves[e.Wave - 1].Hosts.All(h => !run.Backend.IsEnabled(h))));
            }
        };

        var result = run.Run();

        Assert.Equal(RunState.Completed, result.State);
        Assert.NotEmpty(disabledAtEachMove);
        Assert.All(disabledAtEachMove, m => Assert.True(m.AllOut, $"a host of wave {m.Wave} took VMs during the wave"));
        Assert.All(run.Topology.Hosts.Where(h => h.Roles.HasFlag(HostRoles.Compute)), h => Assert.True(run.Backend.IsEnabled(h.Id)));
    }
}
