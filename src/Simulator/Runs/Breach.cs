namespace Escalator.Simulator.Runs;

/// <summary>Which invariant a simulated run broke.</summary>
public enum BreachKind
{
    Redundancy,
    Quorum,
    Capacity,
}

/// <summary>An invariant monitor's report: what broke, when, in which wave and by which event.</summary>
/// <param name="Subject">The VNF, cluster or instance concerned.</param>
/// <param name="Time">Seconds since the campaign started.</param>
public sealed record Breach(BreachKind Kind, string Subject, int Wave, double Time, string Message);
