using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Software;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    private readonly Dictionary<HostId, Dictionary<string, SemVersion>> _versions = [];
    private readonly HashSet<HostId> _spares = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private ILookup<string, HostId>? _hostsIn;

    private void InitVersions(DataCentre dc)
    {
        foreach (var host in dc.Hosts) _versions[host.Id] = new Dictionary<string, SemVersion>(host.Software, StringComparer.Ordinal);
        _spares.UnionWith(_unbuilt);
        _hostsIn = dc.Hosts.ToLookup(h => h.Site, h => h.Id, StringComparer.Ordinal);
    }

    /// <summary>The components a host's upgrade in this wave brings to target, as the plan's upgrade step says.</summary>
    private static IEnumerable<VersionChange> UpgradesIn(WaveContext w, HostId host) =>
        w.StepsOn[host.Name].Where(s => s.Action == StepAction.Upgrade).SelectMany(s => s.Versions);

    /// <summary>After the wave: its upgrades and builds have brought their hosts' components to the versions the plan says.</summary>
    private void AdvanceVersions(WaveContext w)
    {
        foreach (var step in w.Wave.Steps.Where(s => s.Action is StepAction.Upgrade or StepAction.Build))
        {
            if (!_versions.TryGetValue(new HostId(step.Target), out var installed)) continue;
            foreach (var change in step.Versions) installed[change.Component] = change.To;
        }
    }

    /// <summary>ESC-O1 (depends-on) and ESC-O2 (compatibility windows, never two majors apart) for the versions running
    /// while the wave's hosts change: a host being upgraded counts with both its old and its new version.</summary>
    private void CheckVersions(WaveContext w)
    {
        var upgrading = w.Wave.Hosts.ToDictionary(h => h, h => UpgradesIn(w, h).Select(v => v.Component).ToHashSet(StringComparer.Ordinal));
        if (upgrading.Values.All(s => s.Count == 0)) return;
        CheckDependencies(w, upgrading);
        foreach (var site in Dc.Sites.Select(s => s.Name))
        {
            foreach (var component in _campaign.Components)
            {
                var mine = Present(component.Name, site, upgrading, reach: false);
                CheckSpread(w, component, site, mine);
                foreach (var window in component.TalksTo)
                {
                    var peers = Present(window.Peer, site, upgrading, reach: true);
                    foreach (var (own, ownHosts) in mine)
                    {
                        foreach (var (peer, peerHosts) in peers)
                        {
                            CheckWindow(w, component.Name, window, site, (own, ownHosts), (peer, peerHosts));
                        }
                    }
                }
            }
        }
    }

    private void CheckWindow(WaveContext w, string component, Compatibility window, string site,
        (SemVersion Version, List<HostId> Hosts) own, (SemVersion Version, List<HostId> Hosts) peer)
    {
        if (window.Allows(own.Version, peer.Version) || !_reported.Add($"O2:{component}:{window.Peer}:{site}:{own.Version}:{peer.Version}")) return;
        var a = Formula.Var(Var("runs", component, own.Version, site, $"w{w.Number}"));
        var b = Formula.Var(Var("runs", window.Peer, peer.Version, site, $"w{w.Number}"));
        _problem.Fact(a);
        _problem.Fact(b);
        var ahead = peer.Version.Major - own.Version.Major;
        _problem.Check(Invariant.Compatibility.Code, Formula.Not(Formula.And([a, b])), () => new Violation(
            Invariant.Compatibility.Code, w.Number, component,
            $"{component} {own.Version} ({Hosts(own.Hosts)}) talks to {window.Peer} {peer.Version} ({Hosts(peer.Hosts)}); "
            + $"{window.Peer} may be {window.MinPeerAhead} to {window.MaxPeerAhead} majors ahead of {component}, it is {(ahead < 0 ? $"{-ahead} behind" : $"{ahead} ahead")}",
            w.StagePath));
    }

    /// <summary>Nova's "never N and N+2 together", for every component of the catalogue.</summary>
    private void CheckSpread(WaveContext w, Component component, string site, List<(SemVersion Version, List<HostId> Hosts)> versions)
    {
        if (versions.Count < 2) return;
        var low = versions.MinBy(v => v.Version.Major);
        var high = versions.MaxBy(v => v.Version.Major);
        if (high.Version.Major - low.Version.Major < 2 || !_reported.Add($"spread:{component.Name}:{site}:{low.Version}:{high.Version}")) return;
        var a = Formula.Var(Var("runs", component.Name, low.Version, site, $"w{w.Number}"));
        var b = Formula.Var(Var("runs", component.Name, high.Version, site, $"w{w.Number}"));
        _problem.Fact(a);
        _problem.Fact(b);
        _problem.Check(Invariant.Compatibility.Code, Formula.Not(Formula.And([a, b])), () => new Violation(
            Invariant.Compatibility.Code, w.Number, component.Name,
            $"{component.Name} runs {low.Version} ({Hosts(low.Hosts)}) and {high.Version} ({Hosts(high.Hosts)}) together in site {site}; versions two majors apart never coexist",
            w.StagePath));
    }

    private void CheckDependencies(WaveContext w, Dictionary<HostId, HashSet<string>> upgrading)
    {
        foreach (var name in upgrading.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal))
        {
            if (_campaign.Component(name) is not { } component) continue;
            foreach (var dependency in component.DependsOn.Where(_campaign.Targets.ContainsKey))
            {
                var target = _campaign.Targets[dependency];
                var behind = _versions.Where(p => !_retired.Contains(p.Key) && !_spares.Contains(p.Key)
                    && p.Value.TryGetValue(dependency, out var v) && v < target).Select(p => p.Key).OrderBy(h => h.Name, NaturalOrder.Instance).ToList();
                var ok = behind.Count == 0;
                if (!ok && !_reported.Add($"O1:{name}:{dependency}")) continue;
                var where = upgrading.Where(p => p.Value.Contains(name)).Select(p => p.Key).OrderBy(h => h.Name, NaturalOrder.Instance).ToList();
                _problem.Check(Invariant.Order.Code, ok ? Formula.True : Formula.False, () => new Violation(
                    Invariant.Order.Code, w.Number, name,
                    $"{name} is upgraded on {Hosts(where)} while {dependency}, on which it depends, is still below {target} on {Hosts(behind)}",
                    w.StagePath));
            }
        }
    }

    /// <summary>The versions of a component running in a site (with <paramref name="reach"/>, also on members of its
    /// clusters that serve the site), each with its hosts; a host being upgraded counts with both versions.</summary>
    private List<(SemVersion Version, List<HostId> Hosts)> Present(string component, string site, Dictionary<HostId, HashSet<string>> upgrading, bool reach)
    {
        var hosts = _hostsIn![site];
        if (reach)
        {
            hosts = hosts.Concat(Dc.Clusters.Where(c => c.Component == component && c.Serves.Contains(site)).SelectMany(c => c.Members)).Distinct();
        }
        var found = new Dictionary<SemVersion, List<HostId>>();
        foreach (var h in hosts)
        {
            if (_retired.Contains(h) || _spares.Contains(h) || !_versions[h].TryGetValue(component, out var v)) continue;
            Add(v, h);
            if (upgrading.TryGetValue(h, out var set) && set.Contains(component)) Add(_campaign.Targets[component], h);
        }
        return [.. found.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key)];

        void Add(SemVersion v, HostId h)
        {
            if (!found.TryGetValue(v, out var list)) found[v] = list = [];
            list.Add(h);
        }
    }

    private static string Hosts(List<HostId> hosts) =>
        hosts.Count <= 3 ? List(hosts.Select(h => h.Name)) : $"{string.Join(", ", hosts.Take(3).Select(h => h.Name))} and {hosts.Count - 3} more";
}
