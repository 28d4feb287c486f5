namespace Escalator.LiveBackend.OpenStack;

/// <summary>The flavour embedded in a server (microversion 2.47+): what it was booted with, even if the flavour was deleted since.</summary>
/// <param name="RamMiB">RAM in MiB.</param>
/// <param name="DiskGiB">Root disk in GB (Nova's GB are GiB).</param>
internal sealed record ServerFlavor(string Name, int Vcpus, int RamMiB, int DiskGiB, int EphemeralGiB, int SwapMiB);
