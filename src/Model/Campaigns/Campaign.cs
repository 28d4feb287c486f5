using System.Collections.Immutable;
using Escalator.Model.Software;

namespace Escalator.Model.Campaigns;

/// <summary>An upgrade campaign: target versions, the software catalogue, stages, procedures, recovery and checks.</summary>
/// <param name="Topology">The topology file the campaign names, relative to the campaign file, or null.</param>
public sealed record Campaign(
    string Name,
    string? Description,
    string? Topology,
    ImmutableSortedDictionary<string, SemVersion> Targets,
    ImmutableArray<Component> Components,
    ImmutableArray<Stage> Stages,
    ImmutableArray<Procedure> Procedures,
    RecoveryPolicy Recovery,
    ImmutableArray<HealthCheck> Checks)
{
    /// <summary>What the simulator needs beyond expected durations; the defaults follow DESIGN.md.</summary>
    public SimulationSettings Simulation { get; init; } = SimulationSettings.Default;

    /// <summary>Whether a VM leaves a host at most once in the campaign, onto a host already upgraded or outside it (the
    /// Fenix rule; <c>moveOnce: false</c> opts out).</summary>
    public bool MoveOnce { get; init; } = true;

    /// <summary>The failures every wave must survive (<c>resilience:</c>; none by default): see <see cref="Semantics.Resilience"/>.</summary>
    public Semantics.Resilience Resilience { get; init; } = Semantics.Resilience.None;

    public Procedure ProcedureOf(Stage stage) => Procedures.First(p => p.Name == stage.Procedure);

    public Component? Component(string name) => Components.FirstOrDefault(c => c.Name == name);

    /// <summary>Whether upgrading <paramref name="components"/> on a host takes down the VMs still on it (a reboot, or an
    /// upgrade that needs the host empty).</summary>
    public bool TakesVmsDown(IEnumerable<string> components) => components.Any(c => Component(c)?.Impact.AffectsVms == true);
}
