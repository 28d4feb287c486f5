namespace Escalator.TestKit;

/// <summary>A mistake <see cref="PlanWorlds"/> makes on purpose in a world that is not gentle, so that a careful planner
/// (and the solver) should reject its plan.</summary>
public enum PlanMistake
{
    /// <summary>Compute waves (rolling, canary, or a parallel universe's moves) wider than some VNF tolerates.</summary>
    WideWaves,

    /// <summary>Compute hosts (and spares) hold exactly what they carry: an evacuated VM has nowhere to go.</summary>
    NoRoom,

    /// <summary>The compute procedure never switches over although active-standby pairs stand on the hosts.</summary>
    NoSwitchover,

    /// <summary>The compute procedure never evacuates although the upgrade reboots the host or stops its hypervisor.</summary>
    NoEvacuation,

    /// <summary>A compatibility window or a dependency is broken: stages in the wrong order, a peer left behind, two
    /// linked components in one stage, or a target two majors ahead.</summary>
    BrokenWindow,

    /// <summary>A VNF that tolerates no loss has a budget (100 or 200 ms) shorter than one live-migration pause.</summary>
    SmallBudget,

    /// <summary>A control-plane stage takes two or all members of its clusters down at once.</summary>
    WideControl,
}
