using System.Collections.Frozen;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Simulator.DataCentre;

/// <summary>A plan compiled once against its data centre into arrays that every run of it shares: hosts, instances, VNFs,
/// clusters and each wave's steps by target, all by index.</summary>
/// <remarks>Immutable after construction, so Monte Carlo runs on several threads read it without locks.</remarks>
internal sealed partial class SimulationModel
{
    public SimulationModel(Escalator.Model.Topology.DataCentre dc, Campaign campaign, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(plan);
        DataCentre = dc;
        Campaign = campaign;
        Plan = plan;
        Settings = campaign.Simulation;
        Hosts = [.. dc.Hosts];
        HostIndex = Hosts.Select((h, i) => (h.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i);
        Racks = Codes(Hosts.Select(h => h.Rack));
        Zones = Codes(Hosts.Select(h => h.Zone));
        Vnfs = [.. dc.Vnfs.Select((v, i) => new VnfInfo(v, i))];
        Instances = [.. dc.Vnfs.SelectMany((v, vi) => v.Instances.Select(x => InstanceInfo.Of(x, v, vi, HostIndex[x.Host])))];
        InstanceIndex = Instances.Select((x, i) => (x.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i);
        var first = 0;
        foreach (var v in Vnfs)
        {
            v.First = first;
            first += v.Vnf.Instances.Length;
            v.InitialActive = v.Vnf.Redundancy.Active is { } a ? InstanceIndex[a] : v.First;
        }
        Clusters = [.. dc.Clusters.Select(c => new ClusterInfo(c, [.. c.Members.Where(HostIndex.ContainsKey).Select(m => HostIndex[m])]))];
        ClusterIndex = Clusters.Select((c, i) => (c.Cluster.Service, i)).ToFrozenDictionary(p => p.Service, p => p.i);
        Waves = [.. plan.Waves.Select(CompileWave)];
        Unbuilt = [.. plan.Waves.Where(w => w.Kind == WaveKind.Build).SelectMany(w => w.Hosts).Where(HostIndex.ContainsKey).Select(h => HostIndex[h]).Distinct()];
        ComputesBySite = Hosts.Select((h, i) => (h, i)).Where(p => p.h.Roles.HasFlag(HostRoles.Compute))
            .GroupBy(p => p.h.Site).ToFrozenDictionary(g => g.Key, g => g.Select(p => p.i).ToArray(), StringComparer.Ordinal);
        UpgradeWave = new int[Hosts.Length];
        foreach (var wave in plan.Waves)
        {
            foreach (var h in wave.Hosts)
            {
                if (HostIndex.TryGetValue(h, out var i) && UpgradeWave[i] == 0) UpgradeWave[i] = wave.Number;
            }
        }
    }

    public Escalator.Model.Topology.DataCentre DataCentre { get; }

    public Campaign Campaign { get; }

    public Plan Plan { get; }

    public SimulationSettings Settings { get; }

    public Host[] Hosts { get; }

    public FrozenDictionary<HostId, int> HostIndex { get; }

    /// <summary>Each host's rack and zone as small integers, for anti-affinity checks without string compares.</summary>
    public int[] Racks { get; }

    public int[] Zones { get; }

    public InstanceInfo[] Instances { get; }

    public FrozenDictionary<InstanceId, int> InstanceIndex { get; }

    public VnfInfo[] Vnfs { get; }

    public ClusterInfo[] Clusters { get; }

    public FrozenDictionary<string, int> ClusterIndex { get; }

    public WavePlan[] Waves { get; }

    /// <summary>Compute hosts by site: where a VM may go when its planned destination cannot take it (Nova's scheduler
    /// never crosses sites).</summary>
    public FrozenDictionary<string, int[]> ComputesBySite { get; }

    /// <summary>Spare hosts that a parallel universe builds: powered off until their build starts.</summary>
    public int[] Unbuilt { get; }

    /// <summary>The first wave that takes each host out (0: none), for the move-once rule.</summary>
    public int[] UpgradeWave { get; }

    private static int[] Codes(IEnumerable<string> names)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. names.Select(n => codes.TryGetValue(n, out var c) ? c : codes[n] = codes.Count)];
    }
}

/// <summary>A VNF by index: where its instances start in <see cref="SimulationModel.Instances"/> and what it needs.</summary>
internal sealed class VnfInfo(Vnf vnf, int index)
{
    public Vnf Vnf { get; } = vnf;

    public int Index { get; } = index;

    public int First { get; set; }

    public int Count => Vnf.Instances.Length;

    public int InitialActive { get; set; }

    public int Tolerated { get; } = vnf.Tolerated;

    /// <summary>Instances that must be available for the VNF to serve (DESIGN.md's outage definition).</summary>
    public int Needed { get; } = vnf.Redundancy.Model switch
    {
        RedundancyModel.ActiveStandby => 1,
        RedundancyModel.NPlusM => Math.Min(vnf.Redundancy.MinActive, vnf.Instances.Length),
        RedundancyModel.Quorum => vnf.Instances.Length / 2 + 1,
        _ => vnf.Instances.Length,
    };

    public bool ActiveStandby { get; } = vnf.Redundancy.Model == RedundancyModel.ActiveStandby && vnf.Instances.Length > 1;

    /// <summary>The outage the VNF may suffer in the upgrade; 0 when it has no budget.</summary>
    public double Budget { get; } = vnf.Availability?.MaxOutageSeconds ?? 0;
}

/// <summary>An instance by index with what migrating it needs.</summary>
internal sealed record InstanceInfo(InstanceId Id, int Vnf, int Host, double Vcpu, double RamGiB, double DiskGiB,
    double MemoryGiB, double DirtyGiBps, MigrationMode Mode, AntiAffinity Scope)
{
    public static InstanceInfo Of(Instance x, Vnf v, int vnf, int host) => new(x.Id, vnf, host, x.Flavor.Vcpu, x.Flavor.RamGiB,
        x.Flavor.DiskGiB, Math.Max(0.01, v.Migration.UsedMemoryGiB ?? x.Flavor.RamGiB), v.Migration.DirtyRateMiBps / 1024,
        v.Migration.Mode, v.AntiAffinity);
}

internal sealed record ClusterInfo(ControlCluster Cluster, int[] Members)
{
    public int Tolerated { get; } = Math.Max(0, Members.Length - Cluster.Needed);
}
