using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Model.Plans;

/// <summary>Each site's compute hosts in the order of the <see cref="Scheduler"/>'s preference
/// (<see cref="Scheduler.RankOf"/>), kept as loads and upgrades change, so that <see cref="Scheduler.First"/> walks only
/// the hosts it passes over rather than the whole site for every VM.</summary>
/// <remarks>The owner calls <see cref="Update"/> for a host whenever what its rank reads (free RAM, waiting or not) has
/// changed.</remarks>
internal sealed class RankedHosts
{
    private readonly IPlacementView _view;
    private readonly TopologyIndex _index;
    private readonly Scheduler _scheduler;
    private readonly Dictionary<string, SortedSet<Entry>> _bySite = new(StringComparer.Ordinal);
    private readonly Dictionary<HostId, Entry> _entries = [];

    public RankedHosts(TopologyIndex index, Scheduler scheduler, IPlacementView view)
    {
        (_index, _scheduler, _view) = (index, scheduler, view);
        foreach (var host in index.DataCentre.Hosts.Where(h => h.Roles.HasFlag(HostRoles.Compute))) Update(host.Id);
    }

    /// <summary>The site's compute hosts, least rank first.</summary>
    public IEnumerable<Host> In(string site) => _bySite.TryGetValue(site, out var set) ? set.Select(e => e.Host) : [];

    public void Update(HostId id)
    {
        var host = _index.Host(id);
        if (!host.Roles.HasFlag(HostRoles.Compute)) return;
        if (!_bySite.TryGetValue(host.Site, out var set)) _bySite[host.Site] = set = [];
        if (_entries.TryGetValue(id, out var old)) set.Remove(old);
        var entry = new Entry(_scheduler.RankOf(_view, host), host);
        set.Add(entry);
        _entries[id] = entry;
    }

    private readonly record struct Entry(Scheduler.Rank Rank, Host Host) : IComparable<Entry>
    {
        public int CompareTo(Entry other) => Rank.CompareTo(other.Rank);
    }
}
