namespace Escalator.LiveBackend.OpenStack;

/// <summary>A Placement resource provider; a compute node's has the node's uuid and hypervisor host name.</summary>
/// <param name="ParentUuid">Its parent in a provider tree (1.14+), null for a root such as a compute node.</param>
internal sealed record ResourceProvider(string Uuid, string Name, long Generation, string? ParentUuid, string? RootUuid);
