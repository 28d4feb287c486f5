using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Solver.Tests.Verification;

/// <summary>What the oracle concluded: every set of violated codes some run of the plan can end with (one per way of
/// choosing the destinations the plan leaves open), or <see cref="Truncated"/> when there were too many ways to try.</summary>
internal sealed record OracleJudgement(IReadOnlySet<string> Outcomes, bool Truncated)
{
    /// <summary>Codes in an outcome are written sorted and joined by commas; "" is safe.</summary>
    public static string Key(IEnumerable<string> codes) => string.Join(",", codes.Order(StringComparer.Ordinal));
}

/// <summary>An independent judge of ESC-R1, ESC-R2, ESC-Q1, ESC-C1 and ESC-F1 for plans of one rolling stage, written
/// from the solver README's semantics with no solver: placements are enumerated by brute force.</summary>
/// <remarks>
/// Wave by wave, as the README says: the wave's hosts are out; its switchover steps hand each VNF over (the instance is
/// out for the switchover time); a VM on an out host moves if the procedure evacuates and its VNF can move that way,
/// else it is out for the upgrade's expected time if the upgrade affects VMs. A planned destination stands when it is a
/// compute host of the VM's site, not the VM's host, not in the wave, has room with the other planned arrivals, and
/// lands in no anti-affinity domain a sibling stands in as the wave starts (it may not have left yet) nor one another
/// planned sibling goes to. (The verifier keeps a planned destination in the domain of a sibling that leaves in the same
/// wave, though it never chooses one there itself: reported, and pinned by a skipped test.) Other movers get every
/// assignment to hosts with room, in the site, not in the wave and not in a domain a sibling stands in, that keeps each
/// host within vCPU, RAM and disk and each domain to one instance; none means ESC-C1 and they all stay. A live move
/// pauses 0.52 s, a cold one the evacuation's expected time. Where several assignments exist the solver may take any,
/// so each is followed: the result is the set of outcomes. A mover that stays is not counted as out: the README reports
/// it once, under ESC-C1.
/// </remarks>
internal sealed partial class BruteForceOracle
{
    private const double LivePause = 0.52;
    private const int MaxStates = 256;

    private readonly Dictionary<HostId, Host> _hosts;
    private readonly Dictionary<InstanceId, (Vnf Vnf, Instance Instance)> _instances;
    private readonly DataCentre _dc;
    private readonly Plan _plan;
    private readonly FaultDomainLimits _limits;
    private readonly int _max;
    private readonly ProcedureStep? _evacuate;
    private readonly double _upgradeSeconds;
    private readonly bool _affectsVms;
    private readonly int _slots;
    private bool _truncated;

    private BruteForceOracle(DataCentre dc, Campaign campaign, Plan plan)
    {
        _dc = dc;
        _plan = plan;
        _hosts = dc.Hosts.ToDictionary(h => h.Id);
        _instances = dc.Vnfs.SelectMany(v => v.Instances.Select(i => (v, i))).ToDictionary(p => p.i.Id);
        var stage = Assert.Single(campaign.Stages);
        _limits = Assert.IsType<RollingStrategy>(stage.Strategy).Limits;
        var target = campaign.Targets["host-os"];
        var behind = dc.Hosts.Count(h => stage.Scope.Matches(h) && h.Software.TryGetValue("host-os", out var v) && v < target);
        _max = _limits.MaxUnavailable.IsPercent ? Math.Max(1, behind * _limits.MaxUnavailable.Value / 100) : _limits.MaxUnavailable.Value;
        var procedure = campaign.Procedures.Single(p => p.Name == stage.Procedure);
        _evacuate = procedure.Steps.FirstOrDefault(s => s.Action == StepAction.Evacuate);
        _upgradeSeconds = procedure.Steps.First(s => s.Action == StepAction.Upgrade).ExpectedSeconds;
        var impact = campaign.Components.Single(c => c.Name == "host-os").Impact;
        _affectsVms = impact.RebootHost || impact.Evacuate;
        _slots = campaign.Simulation.LiveMigration.MaxConcurrentPerHost;
    }

    /// <summary>Where every instance is, which instance of each active-standby VNF is active, and the codes broken so far.</summary>
    private sealed record State(ImmutableDictionary<InstanceId, HostId> Placement, ImmutableDictionary<VnfId, InstanceId> Active, ImmutableSortedSet<string> Codes)
    {
        public string Key => string.Join(";", Placement.OrderBy(p => p.Key.Name, StringComparer.Ordinal).Select(p => $"{p.Key}@{p.Value}"))
            + "|" + string.Join(";", Active.OrderBy(p => p.Key.Name, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
            + "|" + OracleJudgement.Key(Codes);
    }

    public static OracleJudgement Judge(DataCentre dc, Campaign campaign, Plan plan)
    {
        var oracle = new BruteForceOracle(dc, campaign, plan);
        var initial = new State(
            dc.Vnfs.SelectMany(v => v.Instances).ToImmutableDictionary(i => i.Id, i => i.Host),
            dc.Vnfs.Where(v => v.Redundancy.Model == RedundancyModel.ActiveStandby)
                .ToImmutableDictionary(v => v.Id, v => v.Redundancy.Active ?? v.Instances[0].Id),
            ImmutableSortedSet.Create<string>(StringComparer.Ordinal));
        List<State> states = [initial];
        foreach (var wave in plan.Waves)
        {
            Assert.Equal(WaveKind.Rolling, wave.Kind);
            states = [.. states.SelectMany(s => oracle.Replay(s, wave)).DistinctBy(s => s.Key)];
            if (states.Count > MaxStates)
            {
                oracle._truncated = true;
                states = states.Take(MaxStates).ToList();
            }
        }
        return new OracleJudgement(states.Select(s => OracleJudgement.Key(s.Codes)).ToHashSet(StringComparer.Ordinal), oracle._truncated);
    }

    /// <summary>Every state the wave can leave behind.</summary>
    private IEnumerable<State> Replay(State state, Wave wave)
    {
        var codes = state.Codes.ToBuilder();
        if (BreaksLimits(wave)) codes.Add("ESC-F1");
        if (BreaksQuorum(wave)) codes.Add("ESC-Q1");
        var active = state.Active.ToBuilder();
        var outages = new List<(InstanceId Id, string Reason, double Seconds, HostId? From)>();
        foreach (var u in wave.Steps.Where(s => s.Action == StepAction.Switchover).SelectMany(s => s.Unavailable.Select(u => (s, u))))
        {
            var vnf = _instances[u.u.Instance].Vnf;
            outages.Add((u.u.Instance, "switchover", vnf.SwitchoverSeconds > 0 ? vnf.SwitchoverSeconds : u.s.ExpectedSeconds, null));
            active[vnf.Id] = vnf.Instances.First(i => i.Id != u.u.Instance).Id;
        }
        var planned = wave.Steps.SelectMany(s => s.Moves).GroupBy(m => m.Instance).ToDictionary(g => g.Key, g => g.Last().To);
        var movers = new List<Mover>();
        foreach (var host in wave.Hosts)
        {
            foreach (var id in state.Placement.Where(p => p.Value == host).Select(p => p.Key).OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                var mode = _evacuate is null ? null : MoveMode(_instances[id].Vnf.Migration.Mode, _evacuate);
                if (mode is { } m) movers.Add(new Mover(id, host, m, planned.GetValueOrDefault(id)));
                else if (_affectsVms) outages.Add((id, "down", _upgradeSeconds, host));
            }
        }
        var assignments = Assign(state.Placement, wave, movers).ToList();
        if (assignments.Count == 0)
        {
            codes.Add("ESC-C1");
            assignments.Add(movers.ToDictionary(m => m.Id, m => m.Planned is { } p && Kept(state.Placement, wave, movers).Contains(m) ? p : (HostId?)null));
        }
        foreach (var assignment in assignments)
        {
            var mine = codes.ToImmutable().ToBuilder();
            var disrupted = new List<(InstanceId Id, string Reason, double Seconds, HostId? From)>(outages);
            foreach (var m in movers.Where(m => assignment[m.Id] is not null))
            {
                disrupted.Add((m.Id, m.Mode == MigrationMode.Live ? "live" : "cold", m.Mode == MigrationMode.Live ? LivePause : _evacuate!.ExpectedSeconds, m.From));
            }
            JudgeVnfs(disrupted, active, mine);
            var placement = state.Placement.SetItems(assignment.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!.Value)));
            yield return new State(placement, active.ToImmutable(), mine.ToImmutable());
        }
    }

    /// <summary>ESC-R2 (an active instance down or cold-moved) and ESC-R1 (more instances out than tolerated — a switchover
    /// takes none down, and a host sends at most its concurrent migrations at once; for a VNF that tolerates none, any out
    /// longer than its budget) for every VNF touched by the wave.</summary>
    private void JudgeVnfs(List<(InstanceId Id, string Reason, double Seconds, HostId? From)> disrupted, ImmutableDictionary<VnfId, InstanceId>.Builder active, ImmutableSortedSet<string>.Builder codes)
    {
        foreach (var group in disrupted.GroupBy(d => _instances[d.Id].Vnf.Id))
        {
            var vnf = _instances[group.First().Id].Vnf;
            if (vnf.Redundancy.Model == RedundancyModel.ActiveStandby && vnf.Instances.Length >= 2
                && group.Any(d => d.Reason is "down" or "cold" && active[vnf.Id] == d.Id))
            {
                codes.Add("ESC-R2");
            }
            var longest = group.GroupBy(d => d.Id).Select(g => g.Max(d => d.Seconds)).ToList();
            var tolerated = vnf.Redundancy.Tolerated(vnf.Instances.Length);
            var budget = vnf.Availability?.MaxOutageSeconds ?? 0;
            var down = group.Where(d => d.Reason != "switchover").GroupBy(d => d.Id).Select(g => g.First()).ToList();
            var together = down.Count(d => d.Reason == "down")
                + down.Where(d => d.Reason != "down").GroupBy(d => d.From).Sum(g => Math.Min(g.Count(), _slots));
            if (tolerated > 0 ? together > tolerated : longest.Any(s => s > budget)) codes.Add("ESC-R1");
        }
    }

    /// <summary>ESC-F1: more hosts out than maxUnavailable, or more in one rack, zone or site than its limit.</summary>
    private bool BreaksLimits(Wave wave)
    {
        var hosts = wave.Hosts.Select(h => _hosts[h]).ToList();
        static bool Over(IEnumerable<string> domains, int? limit) => limit is { } l && domains.CountBy(d => d).Any(p => p.Value > l);
        return hosts.Count > _max || Over(hosts.Select(h => h.Rack), _limits.PerRack)
            || Over(hosts.Select(h => h.Zone), _limits.PerZone) || Over(hosts.Select(h => h.Site), _limits.PerSite);
    }

    /// <summary>ESC-Q1: a cluster with more members on the wave's hosts (its component is upgraded there) than it can lose.</summary>
    private bool BreaksQuorum(Wave wave) => _dc.Clusters.Any(c =>
    {
        var needed = c.Quorum switch
        {
            QuorumRule.Majority => c.Members.Length / 2 + 1,
            QuorumRule.Any => 1,
            _ => c.Members.Length,
        };
        return c.Members.Count(wave.Hosts.Contains) > c.Members.Length - needed;
    });

    private static MigrationMode? MoveMode(MigrationMode allowed, ProcedureStep evacuate)
    {
        bool Allows(MigrationMode wanted) => allowed == wanted || (allowed == MigrationMode.Live && wanted == MigrationMode.Cold);
        if (evacuate.Mode is { } mode && Allows(mode)) return mode;
        return evacuate.Fallback is { } fallback && Allows(fallback) ? fallback : null;
    }
}
