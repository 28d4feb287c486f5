using System.Collections.Immutable;
using Escalator.Model.Topology;

namespace Escalator.Model.Campaigns;

/// <summary>Chooses hosts by what they are and where they are, never by name, so a campaign fits the topology of the moment.</summary>
/// <remarks>A host matches when it has any of the roles (if roles are given), every label, and lies in one of the
/// sites, zones and racks listed (each list that is given). An empty selector matches every host.</remarks>
public sealed record Selector(
    HostRoles Roles,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableArray<string> Sites,
    ImmutableArray<string> Zones,
    ImmutableArray<string> Racks)
{
    public static readonly Selector All = new(HostRoles.None, ImmutableSortedDictionary<string, string>.Empty, [], [], []);

    public bool Matches(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return (Roles == HostRoles.None || (host.Roles & Roles) != 0)
            && Labels.All(l => host.Labels.TryGetValue(l.Key, out var v) && v == l.Value)
            && (Sites.IsEmpty || Sites.Contains(host.Site))
            && (Zones.IsEmpty || Zones.Contains(host.Zone))
            && (Racks.IsEmpty || Racks.Contains(host.Rack));
    }
}
