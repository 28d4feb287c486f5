using System.Collections.Immutable;

namespace Escalator.Model.Topology;

/// <summary>A site (data centre) and its availability zones.</summary>
public sealed record Site(string Name, ImmutableArray<Zone> Zones);

/// <summary>An availability zone and its racks.</summary>
public sealed record Zone(string Name, ImmutableArray<string> Racks);
