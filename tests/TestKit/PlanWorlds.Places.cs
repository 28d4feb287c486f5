using System.Collections.Immutable;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

public static partial class PlanWorlds
{
    private sealed partial class Builder
    {
        private readonly List<Site> _sites = [];
        private readonly List<(string Site, string Zone, string Rack)> _racks = [];
        private readonly List<int> _rackComputes = [];
        private readonly List<Host> _hosts = [];
        private int _controlCount;

        /// <summary>One or two sites, each of one or two zones of one to three racks, every rack holding a compute host.</summary>
        private void BuildPlaces()
        {
            _controlCount = !_control ? 0 : _gentle || Made(PlanMistake.WideControl) ? (Chance(20) ? 2 : 3) : _r.Next(1, 4);
            var computes = _kind == ComputeKind.Universe ? _r.Next(_multiSite ? 4 : 3, 7) : _r.Next(_multiSite ? 4 : 3, 11);
            if (!_multiSite)
            {
                BuildSite(1, computes);
                return;
            }
            var first = _r.Next(2, computes - 1);
            BuildSite(1, first);
            BuildSite(2, computes - first);
        }

        private void BuildSite(int number, int computes)
        {
            var site = $"s{number}";
            var zoneCount = Math.Min(_r.Next(1, 3), computes);
            var rackCount = Math.Min(_r.Next(zoneCount, zoneCount == 1 ? 4 : 5), computes);
            var perZone = Spread(rackCount, zoneCount);
            var zones = new List<Zone>();
            var first = _racks.Count;
            for (var z = 1; z <= zoneCount; z++)
            {
                var zone = $"{site}z{z}";
                var racks = Enumerable.Range(1, perZone[z - 1]).Select(r => $"{zone}r{r}").ToImmutableArray();
                _racks.AddRange(racks.Select(r => (site, zone, r)));
                zones.Add(new Zone(zone, racks));
            }
            _rackComputes.AddRange(Spread(computes, _racks.Count - first));
            _sites.Add(new Site(site, [.. zones]));
        }

        /// <summary><paramref name="total"/> split into <paramref name="parts"/> counts of at least one each.</summary>
        private List<int> Spread(int total, int parts)
        {
            var counts = Enumerable.Repeat(1, parts).ToList();
            for (var i = parts; i < total; i++) counts[_r.Next(parts)]++;
            return counts;
        }

        /// <summary>Control hosts one per rack of the first site (round robin), then the compute hosts rack by rack, named in that order.</summary>
        private void BuildHosts()
        {
            var firstSite = _racks.Where(r => r.Site == "s1").Select(r => r.Rack).ToList();
            var controlRoles = Chance(50) ? HostRoles.Control : HostRoles.Control | HostRoles.Network;
            var computeCapacity = Chance(60) ? ComputeCapacity() : null;
            var computeCount = _rackComputes.Sum();
            var upToDate = _kind is ComputeKind.Rolling or ComputeKind.Canary && !_split && computeCount >= 4
                && _targets.TryGetValue("host-os", out var os) && os.Major > _installed["host-os"].Major && Chance(25)
                ? _r.Next(computeCount) + 1
                : 0;
            var number = 0;
            for (var i = 0; i < _racks.Count; i++)
            {
                var (site, zone, rack) = _racks[i];
                for (var c = 1; c <= _controlCount; c++)
                {
                    if (firstSite[(c - 1) % firstSite.Count] != rack) continue;
                    _hosts.Add(new Host(new HostId($"ctl-{c}"), site, zone, rack, controlRoles, ImmutableSortedDictionary<string, string>.Empty,
                        new Capacity(32, 128, 1000), Software(["host-os", .. ControlComponents])));
                }
                for (var k = 0; k < _rackComputes[i]; k++)
                {
                    number++;
                    var software = Software(["host-os", "libvirt", "nova-compute"]);
                    if (number == upToDate) software = software.SetItem("host-os", _targets["host-os"]);
                    var labels = _kind == ComputeKind.Universe ? Pool("old") : ImmutableSortedDictionary<string, string>.Empty;
                    _hosts.Add(new Host(new HostId($"h{number}"), site, zone, rack, HostRoles.Compute, labels,
                        computeCapacity ?? ComputeCapacity(), software));
                }
            }
        }

        private Capacity ComputeCapacity() => _gentle
            ? new Capacity(Pick(16, 32), Pick(32, 64), Pick(500, 1000), Pick(1.0, 2.0, 4.0), Pick(1.0, 1.5))
            : new Capacity(Pick(8, 16, 32), Pick(16, 32, 64), Pick(200, 500), Pick(1.0, 4.0), Pick(1.0, 1.5), Pick(1.0, 2.0));

        /// <summary>The installed versions of those of <paramref name="components"/> that this world has.</summary>
        private ImmutableSortedDictionary<string, SemVersion> Software(IEnumerable<string> components) =>
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                components.Where(_installed.ContainsKey).Select(c => KeyValuePair.Create(c, _installed[c])));

        private static bool IsSpare(Host h) => h.Labels.TryGetValue("pool", out var pool) && pool == "spare";

        /// <summary>The compute hosts of a site that carry VMs before the upgrade (not the control hosts, not the spares).</summary>
        private List<Host> Computes(string site) =>
            [.. _hosts.Where(h => h.Site == site && h.Roles.HasFlag(HostRoles.Compute) && !IsSpare(h))];

        /// <summary>A parallel universe's spares: empty, in every site with old hosts, one per rack and at least as many as
        /// any VNF with host anti-affinity there has instances, so that a gentle world's VMs all find a place.</summary>
        private void BuildSpares()
        {
            if (_kind != ComputeKind.Universe) return;
            var number = 0;
            foreach (var site in _sites.Select(s => s.Name))
            {
                var racks = _racks.Where(r => r.Site == site).ToList();
                var hostAa = _vnfs.Where(v => v.AntiAffinity == AntiAffinity.Host && SiteOf(v) == site).Select(v => v.Instances.Length);
                var wanted = Math.Max(racks.Count, hostAa.DefaultIfEmpty(1).Max());
                var count = Math.Min(wanted, MaxHosts - _hosts.Count);
                for (var k = 0; k < count; k++)
                {
                    var (_, zone, rack) = racks[k % racks.Count];
                    var capacity = Made(PlanMistake.NoRoom) ? new Capacity(64, 1, 4000) : new Capacity(64, 256, 4000);
                    _hosts.Add(new Host(new HostId($"sp-{++number}"), site, zone, rack, HostRoles.Compute, Pool("spare"), capacity,
                        ImmutableSortedDictionary<string, SemVersion>.Empty));
                }
            }
        }

        private string SiteOf(Vnf vnf) => _hosts.First(h => h.Id == vnf.Instances[0].Host).Site;
    }
}
