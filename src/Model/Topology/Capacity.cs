namespace Escalator.Model.Topology;

/// <summary>What a host offers to VMs.</summary>
/// <remarks>
/// Allocatable vCPU is <c>Vcpu × CpuOvercommit</c>, likewise RAM and disk. The defaults follow Nova's
/// <c>initial_cpu_allocation_ratio</c> 4.0, <c>initial_ram_allocation_ratio</c> 1.0 and <c>initial_disk_allocation_ratio</c> 1.0.
/// </remarks>
public sealed record Capacity(int Vcpu, double RamGiB, double DiskGiB, double CpuOvercommit = 4.0, double RamOvercommit = 1.0, double DiskOvercommit = 1.0)
{
    public double AllocatableVcpu => Vcpu * CpuOvercommit;

    public double AllocatableRamGiB => RamGiB * RamOvercommit;

    public double AllocatableDiskGiB => DiskGiB * DiskOvercommit;

    /// <summary>Whether <paramref name="flavor"/> fits beside what is already claimed (vCPU, RAM and disk), as Placement
    /// allows it: within the allocatable amounts.</summary>
    public bool Fits(Flavor flavor, double vcpuUsed, double ramUsedGiB, double diskUsedGiB)
    {
        ArgumentNullException.ThrowIfNull(flavor);
        const double epsilon = 1e-9;
        return vcpuUsed + flavor.Vcpu <= AllocatableVcpu + epsilon && ramUsedGiB + flavor.RamGiB <= AllocatableRamGiB + epsilon
            && diskUsedGiB + flavor.DiskGiB <= AllocatableDiskGiB + epsilon;
    }
}
