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
/// <param name="MoveOnce">For evacuate: each VM moves only once, onto hosts already upgraded or outside the campaign (the Fenix rule).</param>
public sealed record ProcedureStep(
    StepAction Action,
    double ExpectedSeconds,
    double TimeoutSeconds,
    ExpiryPolicy OnTimeout,
    MigrationMode? Mode = null,
    MigrationMode? Fallback = null,
    FenixEvent? Event = null,
    bool WaitReply = false,
    ImmutableArray<string> Checks = default,
    bool MoveOnce = false)
{
    public ImmutableArray<string> Checks { get; init; } = Checks.IsDefault ? [] : Checks;

    /// <summary>For evacuate: how this step moves a VM that allows <paramref name="allowed"/> — its mode if allowed, else
    /// its fallback if allowed, else null (the VM cannot leave). A live-migratable VM can also be cold-migrated.</summary>
    public MigrationMode? MoveModeFor(MigrationMode allowed)
    {
        bool Allows(MigrationMode wanted) => allowed == wanted || (allowed == MigrationMode.Live && wanted == MigrationMode.Cold);
        if (Mode is { } mode && Allows(mode)) return mode;
        return Fallback is { } fallback && Allows(fallback) ? fallback : null;
    }
}
