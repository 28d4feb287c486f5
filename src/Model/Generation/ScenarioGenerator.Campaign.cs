using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.Model.Generation;

public static partial class ScenarioGenerator
{
    private const string ComputeCheck = "compute-up";

    /// <summary>A rolling upgrade of host OS and libvirt on every compute: 5% of them at a time, one per rack,
    /// each emptied (live, falling back to cold) after its VNF managers have been told and have switched over.</summary>
    private static Campaign BuildCampaign(int computes)
    {
        var targets = Versions(("host-os", "12.6.0"), ("libvirt", "9.0.0"));
        var stage = new Stage("computes", Selector.All with { Roles = HostRoles.Compute }, [.. targets.Keys], [],
            new RollingStrategy(new FaultDomainLimits(new Limit(5, true), PerRack: 1)), "compute-host");
        var check = new HealthCheck(ComputeCheck,
            "openstack compute service list --service nova-compute --host {host} -f value -c State | grep -qx up", null, 200, 60);
        return new Campaign(
            "rolling-computes",
            "Host OS and hypervisor upgrade of every compute host, 5% at a time and never two in one rack, emptying each host "
            + "by live migration (cold where that fails) after its VNF managers have switched over.\n",
            "topology.yaml",
            targets,
            Catalogue(),
            [stage],
            [new Procedure("compute-host", ComputeProcedure())],
            new RecoveryPolicy(1, RollbackMode.Graceful, Math.Max(1, computes / 200)),
            [check]);
    }

    /// <summary>The catalogue entries: each target component, and nova-compute, which libvirt talks to.</summary>
    private static ImmutableArray<Component> Catalogue() =>
    [
        new Component("host-os", [], [],
            new UpgradeImpact(true, true, "all VMs on the host", 300, ["/etc"], 1200)),
        new Component("libvirt", [], [new Compatibility("nova-compute", -30, 30)],
            new UpgradeImpact(false, true, "the hypervisor", 60, ["/etc/libvirt"], 600)),
        new Component("nova-compute", [], [],
            new UpgradeImpact(false, false, "VM lifecycle operations on the host", 30, [], 0)),
    ];

    /// <summary>Every step bounded: enter maintenance, tell the VNF managers, switch over, evacuate, back up, upgrade,
    /// verify, leave maintenance and report completion.</summary>
    private static ImmutableArray<ProcedureStep> ComputeProcedure() =>
    [
        new(StepAction.EnterMaintenance, 5, 60, ExpiryPolicy.Retry),
        new(StepAction.Notify, 5, 20, ExpiryPolicy.Skip, Event: FenixEvent.PrepareMaintenance, WaitReply: true),
        new(StepAction.Switchover, 3, 30, ExpiryPolicy.Abort),
        new(StepAction.Evacuate, 30, 900, ExpiryPolicy.FallBack, Mode: MigrationMode.Live, Fallback: MigrationMode.Cold),
        new(StepAction.Backup, 60, 600, ExpiryPolicy.Abort),
        new(StepAction.Upgrade, 720, 1500, ExpiryPolicy.Rollback),
        new(StepAction.Verify, 30, 300, ExpiryPolicy.Rollback, Checks: [ComputeCheck]),
        new(StepAction.LeaveMaintenance, 5, 60, ExpiryPolicy.Retry),
        new(StepAction.Notify, 2, 20, ExpiryPolicy.Skip, Event: FenixEvent.MaintenanceComplete),
    ];
}
