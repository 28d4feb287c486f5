namespace Escalator.LiveBackend.OpenStack;

/// <summary>A flavour of <c>GET /flavors/detail</c>: vCPUs, RAM in MiB, root and ephemeral disk in GB, swap in MiB.</summary>
internal sealed record NovaFlavor(string Id, string Name, int Vcpus, int RamMiB, int DiskGiB, int EphemeralGiB, int SwapMiB, bool IsPublic);
