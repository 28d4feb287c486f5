using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

public static partial class PlanWorlds
{
    /// <summary>The control plane's components by level: each level is upgraded after the one before (Nova's order:
    /// database and message bus, identity, placement, conductor, API); components of one level do not depend on each other.</summary>
    private static readonly string[][] Levels =
        [["galera", "rabbitmq"], ["keystone"], ["placement-api"], ["nova-conductor"], ["nova-api"]];

    private static readonly string[] LevelStages = ["database", "identity", "placement", "conductor", "api"];

    private static readonly Selector ControlHosts = Selector.All with { Roles = HostRoles.Control };

    private static readonly Selector ComputeHosts = Selector.All with { Roles = HostRoles.Compute };

    private sealed partial class Builder
    {
        private readonly List<StageSpec> _controlSpecs = [];
        private readonly Dictionary<string, SemVersion> _targets = new(StringComparer.Ordinal);
        private ImmutableArray<string> _computeComponents = [];
        private bool _split;
        private bool _evacuates;
        private bool _switchesOver;

        /// <summary>Whether the compute stages' upgrade takes the VMs of a host down (reboot or evacuate).</summary>
        private bool AffectsVms => _computeComponents.Any(c => _impacts[c].AffectsVms);

        /// <summary>Decides what each stage upgrades, the targets, the impacts and whether the compute procedure switches
        /// over and evacuates; a <see cref="PlanMistake.BrokenWindow"/> world breaks its catalogue here.</summary>
        private void ChooseWork()
        {
            ChooseImpacts();
            if (_kind != ComputeKind.None) ChooseComputeComponents();
            _split = _kind is ComputeKind.Rolling or ComputeKind.Canary && _broken is null && Chance(30);
            if (_control) ChooseControlSpecs();
            foreach (var c in _controlSpecs.SelectMany(s => s.Components).Concat(_computeComponents).Distinct())
            {
                _targets[c] = Next(_installed[c], minorOnly: c is "host-os" or "libvirt" && Chance(15));
            }
            if (_broken == Broken.TwoMajors)
            {
                var upgraded = _targets.Keys.Order(StringComparer.Ordinal).ToList();
                var c = upgraded[_r.Next(upgraded.Count)];
                _targets[c] = new SemVersion(_installed[c].Major + 2, 0, 0);
            }
            _evacuates = !Made(PlanMistake.NoEvacuation) && (_gentle ? AffectsVms || _kind == ComputeKind.Universe || Chance(30) : Chance(80));
            _switchesOver = !Made(PlanMistake.NoSwitchover) && (_gentle ? AffectsVms || _evacuates || Chance(50) : Chance(60));
        }

        private SemVersion Next(SemVersion v, bool minorOnly) =>
            minorOnly ? new SemVersion(v.Major, v.Minor + 1, 0) : new SemVersion(v.Major + 1, _r.Next(4), _r.Next(10));

        private void ChooseComputeComponents()
        {
            if (Made(PlanMistake.NoEvacuation))
            {
                _computeComponents = _libvirt && Chance(50) ? ["host-os", "libvirt"] : ["host-os"];
                _impacts["host-os"] = HostOsImpact(reboot: true, evacuate: true);
                return;
            }
            List<ImmutableArray<string>> options = [["host-os"]];
            if (_libvirt) options.AddRange([["host-os", "libvirt"], ["libvirt"]]);
            if (_novaCompute) options.AddRange([["nova-compute"], ["host-os", "nova-compute"]]);
            _computeComponents = options[_r.Next(options.Count)];
        }

        /// <summary>One to three control stages, each one level of the chain (or the control hosts' OS), in level order.</summary>
        private void ChooseControlSpecs()
        {
            var computeStages = _kind == ComputeKind.None ? 0 : _split ? 2 : 1;
            var room = MaxStages - computeStages;
            var count = _broken is Broken.WrongOrder ? 2 : _r.Next(1, room + 1);
            var os = _broken is null or Broken.TwoMajors && !Made(PlanMistake.WideControl) && Chance(25);
            var levels = count - (os ? 1 : 0);
            if (os) _controlSpecs.Add(new StageSpec("control-os", true, ["host-os"], ControlHosts));
            if (levels == 0) return;
            var lowest = _broken is Broken.PeerBehind ? 1 : 0;
            var highest = _broken is Broken.SameStage ? 3 : 5 - levels;
            var start = _r.Next(lowest, highest + 1);
            for (var level = start; level < start + levels; level++)
            {
                var components = level == 0 && _broken is null or Broken.TwoMajors
                    ? Pick<ImmutableArray<string>>(["galera"], ["rabbitmq"], ["galera", "rabbitmq"])
                    : [.. Levels[level]];
                if (_broken == Broken.SameStage && level == start)
                {
                    // Two levels in one stage: the upper one is upgraded while the lower is still below target.
                    _controlSpecs.Add(new StageSpec($"{LevelStages[level]}-{LevelStages[level + 1]}", true,
                        [.. components, .. Levels[level + 1]], ControlHosts));
                    _forced.Add(AdjacentLink(level));
                    return;
                }
                _controlSpecs.Add(new StageSpec(LevelStages[level], true, components, ControlHosts));
            }
            if (_broken == Broken.WrongOrder)
            {
                // The upper level first: its window to the lower one breaks when it is upgraded before it.
                _forced.Add(AdjacentLink(start));
                _controlSpecs.Reverse();
            }
            else if (_broken == Broken.PeerBehind)
            {
                var upgraded = _controlSpecs.SelectMany(s => s.Components).ToHashSet(StringComparer.Ordinal);
                var behind = Links.Where(l => upgraded.Contains(l.Later) && !upgraded.Contains(l.Earlier) && _installed.ContainsKey(l.Earlier)).ToList();
                _forced.Add(behind[_r.Next(behind.Count)]);
            }
        }

        /// <summary>The link from level <paramref name="level"/> + 1 down to <paramref name="level"/>.</summary>
        private static (string Later, string Earlier) AdjacentLink(int level) => level switch
        {
            0 => ("keystone", "galera"),
            1 => ("placement-api", "keystone"),
            2 => ("nova-conductor", "placement-api"),
            _ => ("nova-api", "nova-conductor"),
        };

        /// <summary>Places the compute stages (one, or two split by site or zone) and orders every stage.</summary>
        private void PlanStages()
        {
            var computes = new List<StageSpec>();
            if (_kind == ComputeKind.Universe)
            {
                computes.Add(new StageSpec("new-pool", false, _computeComponents, ComputeHosts with { Labels = Pool("old") }));
            }
            else if (_kind != ComputeKind.None && _split && _sites.Count > 1)
            {
                computes.AddRange(_sites.Select(s => new StageSpec($"computes-{s.Name}", false, _computeComponents, ComputeHosts with { Sites = [s.Name] })));
            }
            else if (_kind != ComputeKind.None && _split && _sites[0].Zones.Length > 1)
            {
                computes.AddRange(_sites[0].Zones.Select(z => new StageSpec($"computes-{z.Name}", false, _computeComponents, ComputeHosts with { Zones = [z.Name] })));
            }
            else if (_kind != ComputeKind.None)
            {
                computes.Add(new StageSpec("computes", false, _computeComponents, ComputeHosts));
            }
            var computesFirst = _gentle && !_computeComponents.Contains("nova-compute") && Chance(20);
            _order.AddRange(computesFirst ? [.. computes, .. _controlSpecs] : [.. _controlSpecs, .. computes]);
            _width = SafeWidth();
        }

        private static ImmutableSortedDictionary<string, string> Pool(string name) =>
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("pool", name)]);

        /// <summary>The hosts a stage will upgrade: those its scope selects that run one of its components below target.</summary>
        private List<Host> Behind(StageSpec spec) =>
            [.. _hosts.Where(spec.Scope.Matches).Where(h => spec.Components.Any(c => h.Software.TryGetValue(c, out var v) && v < _targets[c]))];
    }
}
