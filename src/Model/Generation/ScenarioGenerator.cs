using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.Model.Generation;

/// <summary>Generates large, realistic and valid scenarios — a data centre and a rolling campaign over it — for
/// benchmarks, property tests and demonstrations.</summary>
/// <remarks>
/// <para>The data centre has three control hosts (control and network roles) running keystone, nova-api,
/// nova-conductor, placement, galera and rabbitmq clusters, one per rack in the first three racks; the other hosts
/// are computes in racks of about <see cref="RackSize"/> hosts, <see cref="RacksPerZone"/> racks to a zone and up to
/// <see cref="RacksPerSite"/> racks to a site. Each rack is of one hardware generation.</para>
/// <para>VNFs mix active-standby pairs, n+m pools, quorum clusters of 3 or 5 and a few without redundancy, about five
/// instances each, placed with their anti-affinity and at most <see cref="Headroom"/> of any host's
/// allocatable resources, so that any host can be evacuated.</para>
/// <para>The same arguments give the same scenario (one <see cref="Random"/> seeded with <c>seed</c> drives every choice).
/// The topology and campaign load without diagnostics and the campaign validates against the topology.</para>
/// </remarks>
public static partial class ScenarioGenerator
{
    /// <summary>The number of control hosts.</summary>
    public const int ControlHosts = 3;

    /// <summary>The fewest hosts a scenario has: the control hosts and five computes, enough for a quorum cluster of 5.</summary>
    public const int MinHosts = ControlHosts + 5;

    /// <summary>The most VNFs per host (control hosts included), which keeps placement well within the headroom.</summary>
    /// <remarks>Should the computes still run out of room, the VNFs that do not fit become single small instances.</remarks>
    public const int MaxVnfsPerHost = 5;

    /// <summary>The share of a compute host's allocatable vCPU, RAM and disk that the initial placement may use, so
    /// that what one host carries can be evacuated to the others.</summary>
    public const double Headroom = 0.6;

    public const int RackSize = 20;

    public const int RacksPerZone = 10;

    public const int RacksPerSite = 50;

    /// <summary>A data centre of <paramref name="hosts"/> hosts carrying <paramref name="vnfs"/> VNFs, and a rolling
    /// upgrade of host OS and libvirt on its computes.</summary>
    /// <param name="hosts">Hosts in all, control hosts included; at least <see cref="MinHosts"/>.</param>
    /// <param name="vnfs">VNFs; at most <see cref="MaxVnfsPerHost"/> per host.</param>
    /// <param name="seed">The seed of every random choice.</param>
    public static (DataCentre Topology, Campaign Campaign) Generate(int hosts, int vnfs, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, MinHosts);
        ArgumentOutOfRangeException.ThrowIfNegative(vnfs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vnfs, MaxVnfsPerHost * hosts);
        var random = new Random(seed);
        var (sites, hostList) = BuildPlaces(hosts, random);
        var computes = hostList.Where(h => h.Roles.HasFlag(HostRoles.Compute)).ToList();
        var vnfList = BuildVnfs(vnfs, new VnfPlacer(computes, random), random);
        var dc = new DataCentre(
            $"generated-{hosts}-{vnfs}-{seed}",
            $"A generated data centre: {hosts} hosts ({computes.Count} computes in {sites.Sum(s => s.Zones.Sum(z => z.Racks.Length))} racks, "
            + $"{sites.Length} site(s)) carrying {vnfs} VNFs with {vnfList.Sum(v => v.Instances.Length)} instances (seed {seed}).",
            sites, hostList, BuildClusters(sites), vnfList);
        return (dc, BuildCampaign(computes.Count));
    }
}
