namespace Escalator.Model.Topology;

/// <summary>How a VNF stays up when instances fail.</summary>
public enum RedundancyModel
{
    /// <summary>1+1: one active instance, one standby.</summary>
    ActiveStandby,

    /// <summary>N active needed out of N+M.</summary>
    NPlusM,

    /// <summary>A majority of the instances must be up.</summary>
    Quorum,

    /// <summary>No redundancy: every instance is needed.</summary>
    None,
}

/// <summary>A VNF's redundancy model with its parameters.</summary>
/// <param name="Model">The model.</param>
/// <param name="Active">For active-standby, the instance that is active before the upgrade.</param>
/// <param name="MinActive">For n+m, the N instances that must stay available.</param>
public sealed record Redundancy(RedundancyModel Model, InstanceId? Active = null, int MinActive = 0)
{
    /// <summary>How many of <paramref name="instances"/> instances may be unavailable at once without outage.</summary>
    /// <remarks>active-standby 1, n+m M = n − N, quorum ⌊(n−1)/2⌋, none 0 (DESIGN.md, redundancy invariant).</remarks>
    public int Tolerated(int instances) => Model switch
    {
        RedundancyModel.ActiveStandby => Math.Clamp(instances - 1, 0, 1),
        RedundancyModel.NPlusM => Math.Max(0, instances - MinActive),
        RedundancyModel.Quorum => Math.Max(0, (instances - 1) / 2),
        _ => 0,
    };

    /// <summary>How many of <paramref name="instances"/> instances must be available for the VNF to serve: fewer is outage.</summary>
    public int Needed(int instances) => instances - Tolerated(instances);
}
