namespace Escalator.LiveBackend.OpenStack;

/// <summary>A hypervisor (compute node) of <c>GET /os-hypervisors/detail</c>.</summary>
/// <param name="Id">The compute node's uuid (2.53+), which is also its resource provider's uuid in Placement.</param>
/// <param name="ServiceHost">The nova-compute service host the node belongs to (one host may have several nodes, as with Ironic).</param>
/// <param name="Version">The hypervisor's version as one integer (libvirt: major × 1,000,000 + minor × 1,000 + release).</param>
/// <remarks>Its capacity is not here: microversion 2.88 removed it, and Placement is the authority anyway.</remarks>
internal sealed record Hypervisor(string Id, string HypervisorHostname, string? ServiceHost, string State, string Status, string? Type, long? Version);
