using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

public static partial class PlanWorlds
{
    private sealed partial class Builder
    {
        private SimulationSettings _simulation = SimulationSettings.Default;

        /// <summary>Whether every step lasts exactly its expected time (then a timeout may equal it, a boundary).</summary>
        private bool FixedDurations => _simulation.Durations.Distribution == DurationDistribution.Fixed || _simulation.Durations.Cv == 0;

        /// <summary>Whether this world still probes the boundary: one step (at most) whose timeout equals its expected time.</summary>
        private bool _boundary;

        /// <summary>Maintenance, notices, switchover, evacuation, backup, upgrade, checks and the way back, each present
        /// by chance except the upgrade; switchover and evacuation as the world's shape decided.</summary>
        private Procedure ComputeProcedure(List<HealthCheck> checks)
        {
            var steps = new List<ProcedureStep>();
            var entered = Chance(_gentle ? 85 : 60);
            if (entered) steps.Add(Step(StepAction.EnterMaintenance, Pick(5, 10), ExpiryPolicy.Retry, ExpiryPolicy.Retry, ExpiryPolicy.Abort, ExpiryPolicy.Skip));
            if (Chance(65))
            {
                steps.Add(Notify(Pick(FenixEvent.PrepareMaintenance, FenixEvent.PrepareMaintenance, FenixEvent.Maintenance,
                    FenixEvent.StartMaintenance, FenixEvent.PlannedMaintenance, FenixEvent.ScaleIn), Chance(70)));
            }
            if (_switchesOver)
            {
                double expected = Pick(1, 3, 5);
                var longest = _vnfs.Select(v => v.SwitchoverSeconds).DefaultIfEmpty(0).Max();
                // A VNF manager asked to switch over answers after the VNF's switchover time, or after the step's expected time.
                var floor = Math.Max(3 * longest, 4 * expected);
                steps.Add(new ProcedureStep(StepAction.Switchover, expected, Timeout(expected, floor),
                    Pick(ExpiryPolicy.Abort, ExpiryPolicy.Abort, ExpiryPolicy.Retry, ExpiryPolicy.Skip, ExpiryPolicy.Rollback)));
            }
            if (_evacuates) steps.Add(Evacuate());
            if (Chance(20)) steps.Add(Notify(FenixEvent.InstanceActionDone, false));
            if (Chance(50)) steps.Add(Step(StepAction.Backup, Pick(30, 60, 120), ExpiryPolicy.Abort, ExpiryPolicy.Abort, ExpiryPolicy.Skip, ExpiryPolicy.Retry));
            steps.Add(Step(StepAction.Upgrade, Pick(300, 480, 720), ExpiryPolicy.Rollback, ExpiryPolicy.Rollback, ExpiryPolicy.Abort, ExpiryPolicy.Retry));
            if (Chance(65))
            {
                var names = checks.Count > 1 && Chance(30) ? new[] { checks[0].Name, checks[1].Name } : [checks[0].Name];
                steps.Add(Step(StepAction.Verify, Pick(20, 30, 60), ExpiryPolicy.Rollback, ExpiryPolicy.Abort, ExpiryPolicy.Retry) with { Checks = [.. names] });
            }
            if (entered && (_gentle || Chance(70))) steps.Add(Step(StepAction.LeaveMaintenance, Pick(5, 10), ExpiryPolicy.Retry, ExpiryPolicy.Retry, ExpiryPolicy.Abort));
            if (Chance(50)) steps.Add(Notify(FenixEvent.MaintenanceComplete, Chance(30)));
            return new Procedure("compute", [.. steps]);
        }

        /// <summary>Gentle: live with a cold fallback. Otherwise also live alone or cold. The timeout (per VM) is at least
        /// ten minutes, far above any migration these worlds make (at most 16 GiB at 0.5 GiB/s, dirtying a fifth of that: under a minute).</summary>
        private ProcedureStep Evacuate()
        {
            double expected = Pick(20, 30, 45, 60);
            var (mode, fallback) = _gentle ? (MigrationMode.Live, MigrationMode.Cold)
                : Pick<(MigrationMode, MigrationMode?)>((MigrationMode.Live, MigrationMode.Cold), (MigrationMode.Live, MigrationMode.Cold),
                    (MigrationMode.Live, null), (MigrationMode.Cold, null));
            var policy = fallback is not null && Chance(70) ? ExpiryPolicy.FallBack
                : Pick(ExpiryPolicy.Abort, ExpiryPolicy.Retry, ExpiryPolicy.Skip, ExpiryPolicy.Rollback);
            return new ProcedureStep(StepAction.Evacuate, expected, Timeout(expected, 600), policy, mode, fallback);
        }

        /// <summary>A Fenix notice. One that waits for replies is bounded above the VNF managers' lead times and its expected time.</summary>
        private ProcedureStep Notify(FenixEvent e, bool wait)
        {
            double expected = Pick(2, 5);
            var lead = _vnfs.Select(v => v.Coordination.LeadTimeSeconds).DefaultIfEmpty(0).Max();
            var floor = wait ? Math.Max(20, 2 * Math.Max(lead, 4 * expected)) : 0;
            return new ProcedureStep(StepAction.Notify, expected, Timeout(expected, floor),
                Pick(ExpiryPolicy.Skip, ExpiryPolicy.Skip, ExpiryPolicy.Retry, ExpiryPolicy.Abort), Event: e, WaitReply: wait);
        }

        private Procedure ControlProcedure(List<HealthCheck> checks)
        {
            var steps = new List<ProcedureStep>();
            var entered = Chance(85);
            if (entered) steps.Add(Step(StepAction.EnterMaintenance, 10, ExpiryPolicy.Retry, ExpiryPolicy.Abort));
            if (Chance(60)) steps.Add(Step(StepAction.Backup, Pick(30, 60), ExpiryPolicy.Abort, ExpiryPolicy.Skip));
            steps.Add(Step(StepAction.Upgrade, Pick(120, 180, 300), ExpiryPolicy.Rollback, ExpiryPolicy.Abort, ExpiryPolicy.Retry));
            if (Chance(70))
            {
                var names = checks.Skip(1).Where(_ => Chance(60)).Select(c => c.Name).DefaultIfEmpty(checks[^1].Name);
                steps.Add(Step(StepAction.Verify, Pick(20, 30), ExpiryPolicy.Rollback, ExpiryPolicy.Abort) with { Checks = [.. names] });
            }
            if (entered) steps.Add(Step(StepAction.LeaveMaintenance, 10, ExpiryPolicy.Retry, ExpiryPolicy.Abort));
            return new Procedure("control", [.. steps]);
        }

        private ProcedureStep Step(StepAction action, double expected, params ExpiryPolicy[] policies) =>
            new(action, expected, Timeout(expected), policies[_r.Next(policies.Length)]);

        /// <summary>Three to ten times the expected time and at least <paramref name="floor"/>, rounded up to a second (a
        /// minute above two); exactly the expected time for one step of a world that probes the boundary.</summary>
        private double Timeout(double expected, double floor = 0)
        {
            var equal = _boundary && floor <= expected && Chance(30);
            _boundary &= !equal;
            var t = Math.Max(expected * (equal ? 1 : Pick(3, 4, 5, 10)), floor);
            return t <= 120 ? Math.Ceiling(t) : Math.Ceiling(t / 60) * 60;
        }

        private List<HealthCheck> Checks()
        {
            var checks = new List<HealthCheck>
            {
                new("compute-up", "openstack compute service list --service nova-compute --host {host}", null, 200, Pick(30, 60)),
            };
            if (!_control) return checks;
            checks.Add(new HealthCheck("api-up", null, "http://ctl-1:8774/", Pick(200, 300), Pick(10, 30)));
            checks.Add(new HealthCheck("cluster-synced", "cluster-status --host {host}", null, 200, Pick(30, 60)));
            return checks;
        }

        private RecoveryPolicy Recovery() =>
            new(_r.Next(3), Pick(RollbackMode.Graceful, RollbackMode.Restore, RollbackMode.None), _r.Next(1, 4));

        /// <summary>Varied spreads (cv at most 0.3), migration link, Nova's live-migration settings, cold boot and VNFM reply
        /// delay; never a fault rate.</summary>
        private SimulationSettings ChooseSimulation()
        {
            var d = SimulationSettings.Default;
            var durations = Chance(60) ? new DurationSpread(Pick(Enum.GetValues<DurationDistribution>()), Pick(0, 0.1, 0.2, 0.25, 0.3)) : d.Durations;
            var l = d.LiveMigration;
            var live = !Chance(40) ? l : new LiveMigrationSettings(
                Chance(50) ? Pick(0.3, 1.0) : l.MaxDowntimeSeconds,
                Chance(40) ? Pick(1, 3, 5) : l.DowntimeSteps,
                Chance(40) ? Pick(5, 30) : l.DowntimeDelaySecondsPerGiB,
                Chance(40) ? Pick(100, 300) : l.CompletionTimeoutSecondsPerGiB,
                Chance(40) ? Pick(NonConvergence.AutoConverge, NonConvergence.PostCopy) : l.OnNonConvergence,
                Chance(30) ? 2 : l.MaxConcurrentPerHost,
                Chance(30) ? 0.05 : l.ResumeSeconds);
            var universe = _kind == ComputeKind.Universe;
            return new SimulationSettings(durations,
                Chance(40) ? Pick(0.5, 2.5) : d.MigrationGiBps,
                live,
                Chance(30) ? Pick(10, 60) : d.ColdBootSeconds,
                FaultRates.None,
                Chance(20) ? Pick(1, 12) : d.UpgradesPerYear,
                universe && Chance(50) ? Pick<double?>(5, 20, 40) : d.StateGiB,
                universe && Chance(50) ? Pick(1.0, 2.0) : d.TransferGiBps);
        }
    }
}
