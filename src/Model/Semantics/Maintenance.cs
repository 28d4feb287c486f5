using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>When a host is out of service for placement: a wave's hosts take no VMs for the whole wave, from its start to its
/// end, whether or not their procedure has an enter-maintenance step (the executor disables each at the wave's start, as
/// Fenix does, and enables it again when the wave is done). No wave runs during a rollback: nothing is out for one.</summary>
public static class Maintenance
{
    /// <summary>The hosts out of service for placement while <paramref name="wave"/> runs, in the wave's order: its hosts.</summary>
    public static ImmutableArray<HostId> HostsOut(Wave wave)
    {
        ArgumentNullException.ThrowIfNull(wave);
        return wave.Hosts;
    }

    /// <summary>Whether <paramref name="host"/> takes no VMs now because the running wave holds it out.</summary>
    /// <param name="hostsOut">The running wave's <see cref="HostsOut"/> as a set; null while no wave runs.</param>
    public static bool IsOut(HostId host, IReadOnlySet<HostId>? hostsOut) => hostsOut is not null && hostsOut.Contains(host);
}
