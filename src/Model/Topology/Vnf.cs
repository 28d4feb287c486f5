using System.Collections.Immutable;

namespace Escalator.Model.Topology;

/// <summary>A redundant network function and its instances.</summary>
public sealed record Vnf(
    VnfId Id,
    Redundancy Redundancy,
    AntiAffinity AntiAffinity,
    Migration Migration,
    double SwitchoverSeconds,
    Coordination Coordination,
    AvailabilityTarget? Availability,
    ImmutableArray<Instance> Instances)
{
    /// <summary>How many instances may be unavailable at once without outage.</summary>
    public int Tolerated => Redundancy.Tolerated(Instances.Length);
}
