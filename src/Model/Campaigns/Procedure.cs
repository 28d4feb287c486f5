using System.Collections.Immutable;
using Escalator.Model.Topology;

namespace Escalator.Model.Campaigns;

/// <summary>The ordered actions applied to each host of a stage.</summary>
public sealed record Procedure(string Name, ImmutableArray<ProcedureStep> Steps);

/// <summary>One action of a procedure with its expected duration, its timeout and what happens when the timeout expires.</summary>
/// <param name="Mode">For evacuate: how VMs move (live or cold).</param>
/// <param name="Fallback">For evacuate: how to move a VM when <paramref name="Mode"/> fails or is not possible.</param>
/// <param name="Event">For notify: the Fenix message sent.</param>
/// <param name="WaitReply">For notify: whether to wait for the VNFM's reply (bounded by the timeout).</param>
/// <param name="Checks">For verify: the names of the health checks run.</param>
public sealed record ProcedureStep(
    StepAction Action,
    double ExpectedSeconds,
    double TimeoutSeconds,
    ExpiryPolicy OnTimeout,
    MigrationMode? Mode = null,
    MigrationMode? Fallback = null,
    FenixEvent? Event = null,
    bool WaitReply = false,
    ImmutableArray<string> Checks = default)
{
    public ImmutableArray<string> Checks { get; init; } = Checks.IsDefault ? [] : Checks;
}
