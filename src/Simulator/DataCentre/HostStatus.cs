namespace Escalator.Simulator.DataCentre;

/// <summary>Where a host stands during a run.</summary>
internal enum HostStatus : byte
{
    /// <summary>Up and schedulable.</summary>
    InService,

    /// <summary>Disabled for maintenance: its VMs still run, nothing new lands on it.</summary>
    Maintenance,

    /// <summary>Being upgraded or rebooted: VMs still on it are down.</summary>
    Down,

    /// <summary>Did not come back, or failed its upgrade and waits for a restore.</summary>
    Failed,

    /// <summary>A parallel universe's spare not built yet: powered off.</summary>
    Unbuilt,

    /// <summary>Retired by a parallel universe: powered off for good.</summary>
    Retired,
}
