using System.Collections.Immutable;
using Escalator.Model.Software;

namespace Escalator.Model.Topology;

/// <summary>A physical host in its place (site, zone, rack), with roles, labels, capacity and installed software.</summary>
public sealed record Host(
    HostId Id,
    string Site,
    string Zone,
    string Rack,
    HostRoles Roles,
    ImmutableSortedDictionary<string, string> Labels,
    Capacity Capacity,
    ImmutableSortedDictionary<string, SemVersion> Software)
{
    public bool Runs(string component) => Software.ContainsKey(component);
}
