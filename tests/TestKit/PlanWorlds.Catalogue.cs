using System.Collections.Immutable;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

public static partial class PlanWorlds
{
    private static readonly string[] ControlComponents = ["galera", "rabbitmq", "keystone", "placement-api", "nova-conductor", "nova-api"];

    /// <summary>Pairs that may talk or depend, the later one (upgraded after) first.</summary>
    private static readonly (string Later, string Earlier)[] Links =
    [
        ("keystone", "galera"), ("placement-api", "keystone"), ("nova-conductor", "placement-api"), ("nova-conductor", "rabbitmq"),
        ("nova-api", "nova-conductor"), ("nova-api", "keystone"), ("nova-api", "placement-api"),
        ("nova-compute", "nova-conductor"), ("nova-compute", "placement-api"),
    ];

    /// <summary>Each control component and the service its cluster is named after (placement's differs), with the
    /// chance in percent that the topology has a cluster of it.</summary>
    private static readonly (string Component, string Service, int Percent)[] Services =
    [
        ("galera", "galera", 70), ("rabbitmq", "rabbitmq", 50), ("keystone", "keystone", 85),
        ("placement-api", "placement", 50), ("nova-conductor", "nova-conductor", 50), ("nova-api", "nova-api", 50),
    ];

    private sealed partial class Builder
    {
        private readonly Dictionary<string, SemVersion> _installed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, UpgradeImpact> _impacts = new(StringComparer.Ordinal);
        private readonly List<(string Later, string Earlier)> _forced = [];
        private readonly List<ControlCluster> _clusters = [];
        private bool _libvirt;
        private bool _novaCompute;

        /// <summary>What runs where before the upgrade: every host of a kind runs the same versions (majors drawn per
        /// world, so that windows between components come out offset as OpenStack's projects are).</summary>
        private void ChooseVersions()
        {
            _libvirt = Chance(60);
            _novaCompute = _control || Chance(50);
            _installed["host-os"] = new SemVersion(12, _r.Next(10), _r.Next(10));
            if (_libvirt) _installed["libvirt"] = new SemVersion(8, _r.Next(10), _r.Next(10));
            if (_novaCompute) _installed["nova-compute"] = Drawn();
            if (!_control) return;
            foreach (var c in ControlComponents) _installed[c] = Drawn();
        }

        private SemVersion Drawn() => new(_r.Next(1, 31), _r.Next(10), _r.Next(10));

        private void ChooseImpacts()
        {
            _impacts["host-os"] = _r.Next(100) switch
            {
                < 40 => HostOsImpact(reboot: true, evacuate: true),
                < 60 => HostOsImpact(reboot: true, evacuate: false),
                < 75 => HostOsImpact(reboot: false, evacuate: true),
                _ => UpgradeImpact.Light,
            };
            _impacts["libvirt"] = Chance(70) ? new UpgradeImpact(false, true, "the hypervisor", 60, ["/etc/libvirt"], 600) : UpgradeImpact.Light;
            _impacts["nova-compute"] = new UpgradeImpact(false, false, "VM lifecycle operations on the host", 30, ["/etc/nova"], 300);
            foreach (var c in ControlComponents)
            {
                _impacts[c] = new UpgradeImpact(false, false, $"one {c} member (the others serve)", Pick(60, 120), [$"/etc/{c}"], Pick(600, 1800));
            }
        }

        private static UpgradeImpact HostOsImpact(bool reboot, bool evacuate) =>
            new(reboot, evacuate, "all VMs and services on the host", 300, ["/etc"], 1200);

        /// <summary>The catalogue: every installed component with its impact, and the links between them drawn as
        /// windows (either direction) and dependencies where the stage order keeps them, or forced to break.</summary>
        private ImmutableArray<Component> Catalogue()
        {
            int? StageOf(string c) => _targets.ContainsKey(c) ? _order.FindIndex(s => s.Components.Contains(c)) : null;
            var talks = _installed.Keys.ToDictionary(c => c, _ => new List<Compatibility>(), StringComparer.Ordinal);
            var depends = _installed.Keys.ToDictionary(c => c, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var (later, earlier) in Links.Where(l => _installed.ContainsKey(l.Later) && _installed.ContainsKey(l.Earlier)))
            {
                var forced = _forced.Contains((later, earlier));
                var (l, e) = (StageOf(later), StageOf(earlier));
                // A window holds in every wave when the later one is not upgraded, or only after the earlier one.
                var holds = l is null || e < l;
                if (forced || (holds && Chance(50)))
                {
                    var ahead = _installed[earlier].Major - _installed[later].Major;
                    if (Chance(50)) talks[later].Add(new Compatibility(earlier, ahead, ahead + 1));
                    else talks[earlier].Add(new Compatibility(later, -ahead - 1, -ahead));
                }
                if ((forced || holds || e is null) && Chance(50)) depends[later].Add(earlier);
            }
            if (_libvirt && _novaCompute && Chance(50))
            {
                // The hypervisor and the compute service tolerate each other across a wide range.
                var ahead = _installed["nova-compute"].Major - _installed["libvirt"].Major;
                talks["libvirt"].Add(new Compatibility("nova-compute", ahead - 3, ahead + 3));
            }
            return [.. _installed.Keys.Select(c => new Component(c, [.. depends[c]], [.. talks[c]], _impacts[c]))];
        }

        /// <summary>Clusters of the control components on the control hosts. In a gentle world a cluster that a stage takes
        /// members of (its component, or every cluster when the control hosts' OS reboots) can lose one member.</summary>
        private void BuildClusters()
        {
            if (!_control) return;
            var control = _hosts.Where(h => h.Roles.HasFlag(HostRoles.Control)).ToList();
            var upgraded = _order.Where(s => s.Control).SelectMany(s => s.Components).ToHashSet(StringComparer.Ordinal);
            var rebooted = upgraded.Contains("host-os") && _impacts["host-os"].RebootHost;
            var sites = _sites.Select(s => s.Name).ToImmutableArray();
            var mustHave = Made(PlanMistake.WideControl) ? Services.FirstOrDefault(s => rebooted || upgraded.Contains(s.Component)).Component : null;
            foreach (var (component, service, percent) in Services)
            {
                if (component != mustHave && !Chance(percent)) continue;
                var members = _gentle || Chance(70) ? control : [.. control.Where(_ => Chance(60)).DefaultIfEmpty(control[0])];
                var affected = rebooted || upgraded.Contains(component);
                var quorum = _gentle && affected
                    ? members.Count >= 3 && Chance(50) ? QuorumRule.Majority : QuorumRule.Any
                    : component is "galera" or "rabbitmq" ? Pick(QuorumRule.Majority, QuorumRule.Majority, QuorumRule.All)
                    : Pick(QuorumRule.Majority, QuorumRule.Any, QuorumRule.Any, QuorumRule.All);
                // The identity service answers for every site; the others serve the sites of their members (the default).
                var serves = component == "keystone" ? sites : [.. members.Select(h => h.Site).Distinct()];
                _clusters.Add(new ControlCluster(service, component, [.. members.Select(h => h.Id)], quorum, serves));
            }
        }
    }
}
