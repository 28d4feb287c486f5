using System.Collections.Immutable;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Everything discovery reads from a cloud, read once, so the topology is built from one consistent picture.</summary>
/// <param name="Inventories">Inventories by resource provider uuid, for the providers of compute nodes.</param>
/// <param name="Region">The region of the compute endpoint used.</param>
internal sealed record CloudSnapshot(
    ImmutableArray<NovaService> Services,
    ImmutableArray<Hypervisor> Hypervisors,
    ImmutableArray<ResourceProvider> Providers,
    ImmutableDictionary<string, IReadOnlyDictionary<string, ResourceInventory>> Inventories,
    ImmutableArray<NovaServer> Servers,
    ImmutableArray<ServerGroup> Groups,
    ComputeApiVersion Version,
    string? Region);
