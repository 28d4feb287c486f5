using System.Collections.Immutable;

namespace Escalator.Model.Topology;

/// <summary>A control-plane service made of members on hosts, with a quorum rule and the sites it serves.</summary>
/// <remarks>A member is down while its host is out of service or while its component is being upgraded on it.</remarks>
public sealed record ControlCluster(
    string Service,
    string Component,
    ImmutableArray<HostId> Members,
    QuorumRule Quorum,
    ImmutableArray<string> Serves)
{
    /// <summary>The fewest members that must be up.</summary>
    public int Needed => Quorum switch
    {
        QuorumRule.Majority => Members.Length / 2 + 1,
        QuorumRule.Any => 1,
        _ => Members.Length,
    };

    /// <summary>How many members may be down at once.</summary>
    public int Tolerated => Members.Length - Needed;
}
