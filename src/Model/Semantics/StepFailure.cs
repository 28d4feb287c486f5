namespace Escalator.Model.Semantics;

/// <summary>What a step that failed for good leads to (<see cref="Recovery.FailureOf"/>).</summary>
/// <param name="HostFails">Its host fails: it runs no more steps, stays out for an operator and counts against
/// <c>recovery.maxFailures</c>.</param>
/// <param name="RollsBack">The campaign stops and rolls back.</param>
public readonly record struct StepFailure(bool HostFails, bool RollsBack);
