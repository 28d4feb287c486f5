namespace Escalator.Model.Topology;

/// <summary>How much outage a VNF may suffer in one upgrade, given as an ETSI service availability level or in seconds.</summary>
/// <param name="Sal">The SAL class (1, 2 or 3), or null when given in seconds.</param>
/// <param name="MaxOutageSeconds">The longest outage allowed per upgrade.</param>
/// <remarks>SAL1 5 s, SAL2 10 s, SAL3 20 s: the lower ends of ETSI NFV-REL 001's example recovery times.</remarks>
public sealed record AvailabilityTarget(int? Sal, double MaxOutageSeconds)
{
    public static AvailabilityTarget FromSal(int sal) => new(sal, sal switch
    {
        1 => 5,
        2 => 10,
        3 => 20,
        _ => throw new ArgumentOutOfRangeException(nameof(sal), sal, "a SAL class is 1, 2 or 3"),
    });
}
