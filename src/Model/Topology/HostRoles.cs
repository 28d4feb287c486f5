namespace Escalator.Model.Topology;

/// <summary>What a host does; a host may have several roles.</summary>
[Flags]
public enum HostRoles
{
    None = 0,
    Compute = 1,
    Network = 2,
    Storage = 4,
    Control = 8,
}
