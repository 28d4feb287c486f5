using System.Collections.Immutable;

namespace Escalator.Model.Topology;

/// <summary>A data centre as a topology file describes it: sites, hosts, control-plane clusters and VNFs.</summary>
/// <remarks>Hosts are listed in file order. Names are unique within each kind. <see cref="TopologyIndex"/> gives fast look-ups.</remarks>
public sealed record DataCentre(
    string Name,
    string? Description,
    ImmutableArray<Site> Sites,
    ImmutableArray<Host> Hosts,
    ImmutableArray<ControlCluster> Clusters,
    ImmutableArray<Vnf> Vnfs);
