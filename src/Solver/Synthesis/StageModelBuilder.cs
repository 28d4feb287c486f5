using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Solver.Synthesis;

/// <summary>Builds the <see cref="StageModel"/> of a rolling or canary stage by the semantics of src/Solver/README.md.</summary>
internal static class StageModelBuilder
{
    /// <param name="visits">What each host's visit takes at least (<see cref="VisitSeconds"/>).</param>
    public static StageModel Build(TopologyIndex index, Campaign campaign, Stage stage, double confidence, IReadOnlyDictionary<HostId, double> visits)
    {
        var durations = new DurationModel(campaign.Simulation);
        var dc = index.DataCentre;
        var selection = StageSelection.Of(campaign, stage, dc);
        var hosts = selection.Hosts.ToList();
        var position = hosts.Select((h, i) => (h.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var procedure = campaign.ProcedureOf(stage);
        var evacuate = procedure.Steps.FirstOrDefault(s => s.Action == StepAction.Evacuate);
        var switchover = procedure.Steps.FirstOrDefault(s => s.Action == StepAction.Switchover);
        var upgrade = procedure.Steps.First(s => s.Action == StepAction.Upgrade);
        var impossible = new List<string>();
        var vnfWeights = new Dictionary<Vnf, Dictionary<int, int>>();
        var needs = new Dictionary<int, long>();
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            var components = selection.UpgradesOn(host, campaign).ToList();
            var affects = campaign.TakesVmsDown(components);
            foreach (var instance in index.InstancesOn(host.Id))
            {
                var vnf = index.VnfOf(instance.Id);
                var chain = evacuate is null ? [] : MoveRule.Chain(evacuate, vnf.Migration.Mode);
                var movable = !chain.IsEmpty;
                // The same interruptions, at the same confidence, as verification will judge (the one duration model).
                double? seconds = null;
                if (movable)
                {
                    var e = durations.Evacuate(vnf, instance.Flavor, chain, evacuate!.ExpectedSeconds, evacuate.TimeoutSeconds);
                    var reason = e.Mode == MigrationMode.Live ? Model.Plans.UnavailableReason.LiveMigration : Model.Plans.UnavailableReason.ColdMigration;
                    seconds = durations.AtConfidence(reason, e.Move.PauseSeconds, confidence);
                }
                else if (affects)
                {
                    seconds = durations.AtConfidence(Model.Plans.UnavailableReason.HostDown, upgrade.ExpectedSeconds, confidence);
                }
                if (switchover is not null && vnf.IsPair)
                {
                    var gap = Outage.SwitchoverSeconds(vnf, switchover.ExpectedSeconds);
                    seconds = Math.Max(seconds ?? 0, durations.AtConfidence(Model.Plans.UnavailableReason.Switchover, gap, confidence));
                }
                if (movable) needs[i] = needs.GetValueOrDefault(i) + (long)Math.Ceiling(instance.Flavor.RamGiB * 1024);
                if (seconds is not { } s) continue;
                if (vnf.Tolerated == 0)
                {
                    var budget = vnf.Availability?.MaxOutageSeconds ?? 0;
                    if (s > budget) impossible.Add($"upgrading {host.Id} interrupts {instance.Id}, the only instance {vnf.Id} may lose none of, for {s:0.###}s (budget {budget:0.###}s) (ESC-R1)");
                    continue;
                }
                if (!vnfWeights.TryGetValue(vnf, out var weights)) vnfWeights[vnf] = weights = [];
                weights[i] = weights.GetValueOrDefault(i) + 1;
            }
        }
        var groups = vnfWeights.Select(p => new Group(p.Key.Id.Name, p.Value, p.Key.Tolerated)).ToList();
        foreach (var g in groups.Where(g => g.Weights.Values.Any(w => w > g.Tolerated)))
        {
            impossible.Add($"{g.Name} has more instances on one host than it tolerates out ({g.Tolerated}); that host's visit alone breaks it (ESC-R1)");
        }
        groups.AddRange(ClusterGroups(index, campaign, stage, selection, position, impossible));
        var (max, first, limits) = Limits(stage, hosts.Count);
        var soak = stage.Strategy is CanaryStrategy c ? c.SoakSeconds : 0;
        return new StageModel(stage, hosts, [.. hosts.Select(h => visits.GetValueOrDefault(h.Id))], max, first, soak, limits, groups,
            evacuate is null ? [] : Rooms(index, hosts, needs), impossible);
    }

    private static IEnumerable<Group> ClusterGroups(TopologyIndex index, Campaign campaign, Stage stage, StageSelection selection,
        Dictionary<HostId, int> position, List<string> impossible)
    {
        foreach (var cluster in index.DataCentre.Clusters)
        {
            var weights = new Dictionary<int, int>();
            foreach (var member in cluster.Members.Where(position.ContainsKey))
            {
                var components = selection.UpgradesOn(selection.Hosts[position[member]], campaign).ToList();
                var reboot = components.Any(c => campaign.Component(c)?.Impact.RebootHost == true);
                if (reboot || components.Contains(cluster.Component)) weights[position[member]] = 1;
            }
            if (weights.Count == 0) continue;
            if (cluster.Tolerated == 0) impossible.Add($"{cluster.Service} needs all {cluster.Members.Length} members up, and stage {stage.Name} takes each down in turn (ESC-Q1)");
            else yield return new Group(cluster.Service, weights, cluster.Tolerated);
        }
    }

    private static (int Max, int? First, FaultDomainLimits Limits) Limits(Stage stage, int count) => stage.Strategy switch
    {
        CanaryStrategy c => (c.Rest.MaxUnavailable.Resolve(count), Math.Min(c.FirstWave, count), c.Rest),
        RollingStrategy r => (r.Limits.MaxUnavailable.Resolve(count), null, r.Limits),
        _ => (1, null, FaultDomainLimits.One),
    };

    private static List<Room> Rooms(TopologyIndex index, List<Host> hosts, Dictionary<int, long> needs)
    {
        var used = new Dictionary<HostId, long>();
        foreach (var i in index.DataCentre.Vnfs.SelectMany(v => v.Instances))
        {
            used[i.Host] = used.GetValueOrDefault(i.Host) + (long)Math.Ceiling(i.Flavor.RamGiB * 1024);
        }
        long Free(Host h) => Math.Max(0, (long)Math.Floor(h.Capacity.AllocatableRamGiB * 1024) - used.GetValueOrDefault(h.Id));
        var rooms = new List<Room>();
        foreach (var site in hosts.Select(h => h.Site).Distinct(StringComparer.Ordinal))
        {
            var total = index.DataCentre.Hosts.Where(h => h.Site == site && h.Roles.HasFlag(HostRoles.Compute)).Sum(Free);
            var mine = Enumerable.Range(0, hosts.Count).Where(i => hosts[i].Site == site).ToList();
            rooms.Add(new Room(site, mine.ToDictionary(i => i, i => needs.GetValueOrDefault(i)),
                mine.ToDictionary(i => i, i => hosts[i].Roles.HasFlag(HostRoles.Compute) ? Free(hosts[i]) : 0), total));
        }
        return rooms;
    }
}
