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

    /// <summary>How many instances must be available for the VNF to serve.</summary>
    public int Needed => Redundancy.Needed(Instances.Length);

    /// <summary>Whether one active instance hands over to a standby (an active-standby pair, not a lone instance).</summary>
    public bool IsPair => Redundancy.Model == RedundancyModel.ActiveStandby && Instances.Length > 1;
}
