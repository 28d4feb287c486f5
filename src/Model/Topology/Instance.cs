namespace Escalator.Model.Topology;

/// <summary>One VM of a VNF, on its host before the upgrade.</summary>
public sealed record Instance(InstanceId Id, HostId Host, Flavor Flavor);
