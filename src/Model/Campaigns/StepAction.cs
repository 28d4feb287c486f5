namespace Escalator.Model.Campaigns;

/// <summary>What a step does. The first group are procedure actions; the rest appear only in parallel-universe plans.</summary>
public enum StepAction
{
    EnterMaintenance,
    Notify,
    Switchover,
    Evacuate,
    Backup,
    Upgrade,
    Verify,
    LeaveMaintenance,
    Build,
    TransferState,
    Cutover,
    Retire,
}

/// <summary>What happens when a step's timeout expires.</summary>
public enum ExpiryPolicy
{
    Retry,

    /// <summary>Fall back: live migration to cold migration, cold migration to stop and start.</summary>
    FallBack,

    Skip,
    Abort,
    Rollback,
}

/// <summary>Messages of the Fenix maintenance protocol that Escalator sends to VNF managers.</summary>
public enum FenixEvent
{
    Maintenance,
    ScaleIn,
    PrepareMaintenance,
    StartMaintenance,
    PlannedMaintenance,
    InstanceActionDone,
    MaintenanceComplete,
}
