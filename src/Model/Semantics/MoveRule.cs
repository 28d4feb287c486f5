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
        var chain = ImmutableArray.CreateBuilder<MigrationMode>(2);
        foreach (var wanted in new[] { evacuate.Mode, evacuate.Fallback })
        {
            if (wanted is { } m && m != MigrationMode.None && Allows(allowed, m) && !chain.Contains(m)) chain.Add(m);
        }
        return chain.ToImmutable();
    }

    private static bool Allows(MigrationMode allowed, MigrationMode wanted) =>
        allowed == wanted || (allowed == MigrationMode.Live && wanted == MigrationMode.Cold);
}
