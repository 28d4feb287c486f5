using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>How an evacuate step moves a VM: the modes it tries, in order.</summary>
public static class MoveRule
{
    /// <summary>The step's mode if the VM allows it, then its fallback if the VM allows it; empty when the VM cannot leave.
    /// A live-migratable VM can also be cold-migrated.</summary>
    public static ImmutableArray<MigrationMode> Chain(ProcedureStep evacuate, MigrationMode allowed)
    {
        ArgumentNullException.ThrowIfNull(evacuate);
        MigrationMode? Usable(MigrationMode? wanted) => wanted is { } m && m != MigrationMode.None && Allows(allowed, m) ? m : null;
        var first = Usable(evacuate.Mode);
        var then = Usable(evacuate.Fallback) is { } f && f != first ? f : (MigrationMode?)null;
        return (first, then) switch
        {
            ({ } a, { } b) => [a, b],
            ({ } a, null) => [a],
            (null, { } b) => [b],
            _ => [],
        };
    }

    private static bool Allows(MigrationMode allowed, MigrationMode wanted) =>
        allowed == wanted || (allowed == MigrationMode.Live && wanted == MigrationMode.Cold);
}
