using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Model.Plans;

/// <summary>Expands a campaign against a topology into a plan of waves.</summary>
/// <remarks>
/// The rules, documented in the README and relied on by tests:
/// <list type="bullet">
/// <item>Stages run one after another, in file order wherever their <c>after</c> lists allow.</item>
/// <item>A stage upgrades each host its scope selects, that runs one of its components below target, exactly once.</item>
/// <item>Before each wave the remaining hosts are ordered: empty hosts first (as Fenix does); then, under move-once,
/// hosts whose VMs can all go where they stay; then, when a per-rack (else per-zone, else per-site) limit is set, the
/// domains with the most hosts left; then rack order in the topology; then fewest instances; then name in natural
/// order. The wave takes hosts in that order, skipping any that would exceed maxUnavailable or a per-rack, per-zone or
/// per-site limit, until no more fit.</item>
/// <item>A VM leaving a host goes where the <see cref="Semantics.Scheduler"/> sends it.</item>
/// </list>
/// Expansion does not judge safety; that is the solver's work. It notes what it could not place.
/// </remarks>
public sealed partial class PlanExpander
{
    private readonly Campaign _campaign;
    private readonly TopologyIndex _index;
    private readonly Placement _placement;
    private readonly Dictionary<string, int> _rackOrder = new(StringComparer.Ordinal);
    private readonly HashSet<HostId> _done = [];
    private readonly HashSet<HostId> _pending = [];
    private readonly Dictionary<string, List<Host>> _settled = new(StringComparer.Ordinal);
    private readonly HashSet<HostId> _unbuiltSpares = [];
    private readonly HashSet<HostId> _retired = [];
    private readonly List<Wave> _waves = [];
    private readonly List<PlanNote> _notes = [];
    private readonly DurationModel _durations;
    private readonly Scheduler _scheduler;
    private readonly View _view;
    private readonly RankedHosts _ranked;

    private readonly IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<HostId>>> _fixed;
    private readonly Dictionary<HostId, int> _fixedWave = [];

    private PlanExpander(Campaign campaign, DataCentre dc, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<HostId>>>? waves)
    {
        _fixed = waves ?? new Dictionary<string, IReadOnlyList<IReadOnlyList<HostId>>>();
        var ordinal = 0;
        foreach (var wave in _fixed.Values.SelectMany(w => w))
        {
            ordinal++;
            foreach (var host in wave) _fixedWave[host] = ordinal;
        }
        _campaign = campaign;
        _index = new TopologyIndex(dc);
        _placement = new Placement(_index);
        _durations = new DurationModel(campaign.Simulation);
        _scheduler = new Scheduler(_index);
        _view = new View(this);
        _ranked = new RankedHosts(_index, _scheduler, _view);
        var racks = dc.Sites.SelectMany(s => s.Zones).SelectMany(z => z.Racks).ToList();
        for (var i = 0; i < racks.Count; i++) _rackOrder[racks[i]] = i;
    }

    /// <summary>Expands a campaign that validated cleanly against the topology.</summary>
    /// <param name="waves">For rolling and canary stages named here, the waves to form (each a list of the stage's
    /// hosts, every host in exactly one) instead of the documented order, e.g. waves a solver synthesised.</param>
    public static Plan Expand(Campaign campaign, DataCentre dc, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<HostId>>>? waves = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(dc);
        return new PlanExpander(campaign, dc, waves).Run();
    }

    private Plan Run()
    {
        var dc = _index.DataCentre;
        var stages = StageOrder.Sort(_campaign.Stages);
        var selections = stages.ToDictionary(s => s.Name, s => StageSelection.Of(_campaign, s, dc), StringComparer.Ordinal);
        foreach (var selection in selections.Values) _pending.UnionWith(selection.Hosts.Select(h => h.Id));
        foreach (var host in _pending) _ranked.Update(host);
        foreach (var universe in stages.Select(s => s.Strategy).OfType<ParallelUniverseStrategy>())
        {
            _unbuiltSpares.UnionWith(dc.Hosts.Where(universe.Spares.Matches).Select(h => h.Id));
        }
        var planned = new List<PlanStage>();
        foreach (var stage in stages)
        {
            var selection = selections[stage.Name];
            var first = _waves.Count + 1;
            _view.Allowed = null;
            switch (stage.Strategy)
            {
                case RollingStrategy or CanaryStrategy when _fixed.TryGetValue(stage.Name, out var given):
                    RunFixed(stage, selection, given);
                    break;
                case RollingStrategy rolling:
                    Roll(stage, selection, [.. selection.Hosts], rolling.Limits, WaveKind.Rolling);
                    break;
                case CanaryStrategy canary:
                    RunCanary(stage, selection, canary);
                    break;
                case ParallelUniverseStrategy universe:
                    RunParallelUniverse(stage, selection, universe);
                    break;
            }
            planned.Add(new PlanStage(stage.Name, stage.Strategy.Kind, selection.Components,
                [.. selection.Hosts.Select(h => h.Id)], [.. selection.UpToDate.Select(h => h.Id)], first, _waves.Count));
        }
        return new Plan(_campaign.Name, dc.Name, [.. planned], [.. _waves], [.. _notes]);
    }

    private void RunCanary(Stage stage, StageSelection selection, CanaryStrategy canary)
    {
        var remaining = selection.Hosts.ToList();
        if (remaining.Count == 0)
        {
            // Every host is up to date: no canary to watch, so no empty wave with a soak that only adds time.
            return;
        }
        var first = Fill(Order(remaining, canary.Rest), canary.FirstWave, null, Deferred(stage));
        AddHostWave(stage, selection, first, WaveKind.Canary, canary.SoakSeconds, canary.HealthChecks, Canary(canary));
        remaining.RemoveAll(first.ToHashSet().Contains);
        Roll(stage, selection, remaining, canary.Rest, WaveKind.Rolling);
    }

    private void RunFixed(Stage stage, StageSelection selection, IReadOnlyList<IReadOnlyList<HostId>> waves)
    {
        var byId = selection.Hosts.ToDictionary(h => h.Id);
        var canary = stage.Strategy as CanaryStrategy;
        for (var i = 0; i < waves.Count; i++)
        {
            var hosts = waves[i].Select(id => byId[id]).ToList();
            if (i == 0 && canary is not null)
            {
                AddHostWave(stage, selection, hosts, WaveKind.Canary, canary.SoakSeconds, canary.HealthChecks, Canary(canary));
            }
            else
            {
                var limits = canary?.Rest ?? ((RollingStrategy)stage.Strategy).Limits;
                AddHostWave(stage, selection, hosts, WaveKind.Rolling, 0, [], Resolve(limits, selection.Hosts.Length));
            }
        }
    }

    /// <summary>Forms waves from <paramref name="remaining"/> under <paramref name="limits"/> until every host is in one.</summary>
    private void Roll(Stage stage, StageSelection selection, List<Host> remaining, FaultDomainLimits limits, WaveKind kind)
    {
        var resolved = Resolve(limits, selection.Hosts.Length);
        while (remaining.Count > 0)
        {
            var wave = Fill(Order(remaining, limits), resolved.Max, limits, Deferred(stage));
            AddHostWave(stage, selection, wave, kind, 0, [], resolved);
            remaining.RemoveAll(wave.ToHashSet().Contains);
        }
    }

    /// <summary>Takes hosts in order while every limit allows; the first host always fits, so waves never come out empty.</summary>
    /// <param name="limits">The per-rack, per-zone and per-site limits; null for none.</param>
    /// <param name="deferred">Hosts to take only after every other host in the order (see <see cref="Deferred"/>); asked
    /// only of a host that the limits would let in at that point, since one they keep out now stays out.</param>
    internal static List<Host> Fill(IEnumerable<Host> ordered, int max, FaultDomainLimits? limits, Func<Host, bool>? deferred = null)
    {
        var wave = new List<Host>();
        var later = new List<Host>();
        var racks = new Dictionary<string, int>(StringComparer.Ordinal);
        var zones = new Dictionary<string, int>(StringComparer.Ordinal);
        var sites = new Dictionary<string, int>(StringComparer.Ordinal);
        bool Fits(Host host) =>
            racks.GetValueOrDefault(host.Rack) < (limits?.PerRack ?? int.MaxValue)
            && zones.GetValueOrDefault(host.Zone) < (limits?.PerZone ?? int.MaxValue)
            && sites.GetValueOrDefault(host.Site) < (limits?.PerSite ?? int.MaxValue);
        void Take(Host host)
        {
            wave.Add(host);
            racks[host.Rack] = racks.GetValueOrDefault(host.Rack) + 1;
            zones[host.Zone] = zones.GetValueOrDefault(host.Zone) + 1;
            sites[host.Site] = sites.GetValueOrDefault(host.Site) + 1;
        }
        foreach (var host in ordered)
        {
            if (wave.Count >= max) return wave;
            if (!Fits(host)) continue;
            if (deferred is not null && deferred(host)) later.Add(host);
            else Take(host);
        }
        foreach (var host in later)
        {
            if (wave.Count >= max) break;
            if (Fits(host)) Take(host);
        }
        return wave;
    }

    /// <summary>The documented host order, before move-once: empty hosts first; then, when a per-domain limit is set, the
    /// domains (racks, else zones, else sites) with the most hosts left, so that waves come out even; then rack order in
    /// the topology, so that hosts of one rack go together; then fewest instances; then natural name order.</summary>
    private IEnumerable<Host> Order(IReadOnlyCollection<Host> hosts, FaultDomainLimits limits)
    {
        Func<Host, string>? domain = limits.PerRack is not null ? h => h.Rack
            : limits.PerZone is not null ? h => h.Zone
            : limits.PerSite is not null ? h => h.Site
            : null;
        var left = domain is null ? null : hosts.CountBy(domain).ToDictionary(StringComparer.Ordinal);
        return hosts.OrderBy(h => _placement.On(h.Id).Count == 0 ? 0 : 1)
            .ThenByDescending(h => left is null ? 0 : left[domain!(h)])
            .ThenBy(h => _rackOrder.GetValueOrDefault(h.Rack))
            .ThenBy(h => _placement.On(h.Id).Count)
            .ThenBy(h => _index.NameOrder(h.Id));
    }

    /// <summary>Under move-once, the hosts that go after the others of the order: those with VMs that could not all go where
    /// they stay (<see cref="Movable"/>); null when the campaign does not move VMs once.</summary>
    /// <remarks>Asked lazily, only of hosts a wave could take: asking it of every host before every wave would cost the
    /// number of hosts squared.</remarks>
    private Func<Host, bool>? Deferred(Stage stage)
    {
        if (!_campaign.MoveOnce) return null;
        var procedure = _campaign.ProcedureOf(stage);
        return host => _placement.On(host.Id).Count > 0 && !Movable(host, procedure);
    }

    private static WaveLimits Resolve(FaultDomainLimits limits, int hosts) =>
        new(limits.MaxUnavailable.Resolve(hosts), limits.PerRack, limits.PerZone, limits.PerSite);

    private static WaveLimits Canary(CanaryStrategy canary) => new(canary.FirstWave, null, null, null);

    private void AddHostWave(Stage stage, StageSelection selection, List<Host> hosts, WaveKind kind, double soak, ImmutableArray<string> gate,
        WaveLimits limits)
    {
        var number = _waves.Count + 1;
        (_view.InWave, _view.Allowed) = (hosts.Select(h => h.Id).ToHashSet(), null);
        var steps = new List<PlanStep>();
        var procedure = _campaign.ProcedureOf(stage);
        foreach (var host in hosts)
        {
            steps.AddRange(HostSteps(number, host, [.. selection.UpgradesOn(host, _campaign)], procedure, Visit.Upgrade));
        }
        _done.UnionWith(hosts.Select(h => h.Id));
        Settle(hosts.Select(h => h.Id));
        _waves.Add(new Wave(number, stage.Name, kind, [.. hosts.Select(h => h.Id)], [.. steps], soak, gate) { Limits = limits });
    }
}
