using Escalator.Model.Topology;

namespace Escalator.Solver.Invariants;

/// <summary>A migration destination the solver chose where the plan had none or one that breaks capacity or anti-affinity.</summary>
/// <param name="Planned">The plan's destination, or null when the plan had none.</param>
public sealed record Redirect(int Wave, InstanceId Instance, VnfId Vnf, HostId From, HostId? Planned, HostId To);
