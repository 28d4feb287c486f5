namespace Escalator.Simulator.Runs;

/// <summary>Which invariant a simulated run broke.</summary>
public enum BreachKind
{
    Redundancy,
    Quorum,
    Capacity,

    /// <summary>A VM moved onto a host still waiting for its upgrade: it will move again (the campaign moves VMs once).</summary>
    MoveOnce,

    /// <summary>A VM left on a host that was retired: lost for good.</summary>
    Lost,
}

/// <summary>An invariant monitor's report: what broke, when, in which wave and by which event.</summary>
/// <param name="Subject">The VNF, cluster or instance concerned.</param>
/// <param name="Time">Seconds since the campaign started.</param>
public sealed record Breach(BreachKind Kind, string Subject, int Wave, double Time, string Message);
