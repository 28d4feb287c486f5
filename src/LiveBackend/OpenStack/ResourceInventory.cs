namespace Escalator.LiveBackend.OpenStack;

/// <summary>One resource class of a provider's inventory (VCPU, MEMORY_MB, DISK_GB …).</summary>
/// <remarks>What can be allocated is <c>(Total − Reserved) × AllocationRatio</c>, each allocation between <see cref="MinUnit"/> and
/// <see cref="MaxUnit"/> in steps of <see cref="StepSize"/>.</remarks>
internal sealed record ResourceInventory(long Total, long Reserved, double AllocationRatio, long MinUnit, long MaxUnit, long StepSize)
{
    /// <summary>The most that can be allocated of this class.</summary>
    public double Capacity => (Total - Reserved) * AllocationRatio;
}
