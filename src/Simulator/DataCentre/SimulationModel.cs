using System.Collections.Frozen;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
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
        PendingUntil = new int[Hosts.Length];
        foreach (var wave in plan.Waves.Where(w => w.Kind is WaveKind.Rolling or WaveKind.Canary or WaveKind.Move))
        {
            foreach (var h in wave.Hosts.Where(HostIndex.ContainsKey)) PendingUntil[HostIndex[h]] = wave.Number;
        }
        Index = new TopologyIndex(dc);
        Scheduler = new Scheduler(Index);
        Durations = new DurationModel(Settings);
        Universes = [.. plan.Waves.Select(w => w.MovesOnto.IsEmpty ? null : w.MovesOnto.ToHashSet())];
    }

    public Escalator.Model.Topology.DataCentre DataCentre { get; }

    public Campaign Campaign { get; }

    public Plan Plan { get; }

    public SimulationSettings Settings { get; }

    public Host[] Hosts { get; }

    public FrozenDictionary<HostId, int> HostIndex { get; }

    public InstanceInfo[] Instances { get; }

    public FrozenDictionary<InstanceId, int> InstanceIndex { get; }

    public VnfInfo[] Vnfs { get; }

    public ClusterInfo[] Clusters { get; }

    public FrozenDictionary<string, int> ClusterIndex { get; }

    public WavePlan[] Waves { get; }

    /// <summary>Spare hosts that a parallel universe builds: powered off until their build starts.</summary>
    public int[] Unbuilt { get; }

    /// <summary>The last wave that takes each host out (0: none): before it ends the host still waits for its upgrade.</summary>
    public int[] PendingUntil { get; }

    public TopologyIndex Index { get; }

    /// <summary>The destination rule (shared with expansion and the solver).</summary>
    public Scheduler Scheduler { get; }

    /// <summary>The one duration model (shared with <c>plan</c> and the solver).</summary>
    public DurationModel Durations { get; }

    /// <summary>Per wave (by index), the only hosts its VMs may go to (a parallel universe's new ones), or null for any.</summary>
    public HashSet<HostId>?[] Universes { get; }
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
    public int Needed { get; } = vnf.Needed;

    public bool IsPair { get; } = vnf.IsPair;
}

/// <summary>An instance by index with its VNF and flavour.</summary>
internal sealed record InstanceInfo(InstanceId Id, int Vnf, int Host, Vnf VnfOf, Flavor Flavor)
{
    public static InstanceInfo Of(Instance x, Vnf v, int vnf, int host) => new(x.Id, vnf, host, v, x.Flavor);
}

internal sealed record ClusterInfo(ControlCluster Cluster, int[] Members)
{
    public int Tolerated { get; } = Math.Max(0, Members.Length - Cluster.Needed);
}
