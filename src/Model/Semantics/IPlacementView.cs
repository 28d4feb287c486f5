using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>An engine's view of the data centre at the moment a VM must go somewhere: where instances are, which hosts
/// take VMs now, which still wait for their upgrade, and room. Each engine keeps its own state; the
/// <see cref="Scheduler"/> decides from it.</summary>
public interface IPlacementView
{
    /// <summary>Where an instance is now (a migrating one: where it is going, whose resources it has claimed).</summary>
    HostId HostOf(InstanceId instance);

    /// <summary>The hosts whose anti-affinity domains an instance holds now: its host, and while it migrates, its source
    /// too (Nova claims both until the migration ends).</summary>
    IEnumerable<HostId> Occupies(InstanceId instance) => [HostOf(instance)];

    /// <summary>Whether a host takes new VMs now: in service, built, not retired, not out in the running wave, and a
    /// destination the step allows (a parallel universe moves VMs only onto its new hosts).</summary>
    bool Accepts(HostId host);

    /// <summary>Whether a host is still waiting for its upgrade in this campaign.</summary>
    bool Pending(HostId host);

    /// <summary>Whether the instance's flavour fits on the host beside what is there, with overcommit.</summary>
    bool HasRoom(InstanceId instance, HostId host);

    /// <summary>RAM still allocatable on the host after overcommit, GiB.</summary>
    double FreeRamGiB(HostId host);
}
