using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;
using FsCheck;
using FsCheck.Fluent;

namespace Escalator.Model.Tests.Plans;

/// <summary>FsCheck generators of topologies (sites, zones, racks, hosts with roles and labels, VNFs, a cluster) and of
/// campaigns valid against them (stages with random scopes, strategies and limits, <c>after</c> edges forming a DAG).</summary>
/// <remarks>
/// Random choices are drawn first as plain specs; <see cref="Build"/> then turns them into a topology and campaign that
/// pass validation by construction: each stage upgrades its own component (no overlap), its scope is derived from a host
/// that runs that component (it matches), a canary is never larger than its stage, and a parallel universe's spares are
/// empty hosts labelled <c>pool=spare</c> that its scope (<c>pool=main</c>) leaves out.
/// </remarks>
internal static class Scenarios
{
    private static readonly string[] Components = ["host-os", "libvirt", "galera", "nova"];

    private static readonly SemVersion[] Versions = [new(1, 0, 0), new(1, 5, 0), new(2, 0, 0)];

    private static readonly SemVersion Target = new(2, 0, 0);

    private sealed record HostSpec(int Role, bool Gold, bool Spare, int Vcpu, int Ram, int[] Versions);

    private sealed record VnfSpec(int Model, int Count, int MinActive, int AntiAffinity, int Migration, bool Coordinated, int Vcpu, int Ram, int[] Picks);

    private sealed record LimitSpec(int Max, bool Percent, int? PerRack, int? PerZone, int? PerSite);

    private sealed record StageSpec(int Scope, int Anchor, int Strategy, LimitSpec Limits, int FirstWave, int Soak, int Rank, int AfterMask);

    private sealed record ProcedureSpec(bool Enter, bool Notify, bool Switchover, bool Evacuate, int Mode, int Fallback, bool Backup, bool Verify, bool Leave);

    /// <summary>A topology and a campaign that validates cleanly against it.</summary>
    public static Gen<Scenario> Valid =>
        from shape in Shape
        from hosts in Gen.ArrayOf(HostSpecs, shape.Sum(site => site.Sum(zone => zone.Sum())))
        from vnfs in Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(VnfSpecs, n))
        from stages in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(StageSpecs, n))
        from order in Gen.Shuffle(Components)
        from procedure in ProcedureSpecs
        select Build(shape, hosts, vnfs, stages, order, procedure);

    /// <summary>Host counts by site, zone and rack: 1–2 sites, 1–2 zones each, 1–3 racks each, 1–4 hosts each.</summary>
    private static Gen<int[][][]> Shape =>
        Gen.Choose(1, 2).SelectMany(sites => Gen.ArrayOf(
            Gen.Choose(1, 2).SelectMany(zones => Gen.ArrayOf(
                Gen.Choose(1, 3).SelectMany(racks => Gen.ArrayOf(Gen.Choose(1, 4), racks)), zones)), sites));

    private static Gen<HostSpec> HostSpecs =>
        from role in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
        from gold in Gen.Elements(true, false)
        from spare in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from vcpu in Gen.Choose(2, 16)
        from ram in Gen.Elements(16, 32, 64, 128)
        from versions in Gen.ArrayOf(Gen.Choose(-1, 2), Components.Length)
        select new HostSpec(role, gold, spare, vcpu, ram, versions);

    private static Gen<VnfSpec> VnfSpecs =>
        from model in Gen.Choose(0, 3)
        from count in Gen.Choose(1, 5)
        from minActive in Gen.Choose(1, 5)
        from antiAffinity in Gen.Choose(0, 3)
        from migration in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from coordinated in Gen.Elements(true, false)
        from vcpu in Gen.Choose(1, 8)
        from ram in Gen.Choose(1, 16)
        from picks in Gen.ArrayOf(Gen.Choose(0, 1000), 5)
        select new VnfSpec(model, count, minActive, antiAffinity, migration, coordinated, vcpu, ram, picks);

    private static Gen<int?> Optional(int max) =>
        Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Choose(1, max).Select(i => (int?)i)));

    private static Gen<LimitSpec> Limits =>
        from percent in Gen.Elements(false, false, true)
        from max in percent ? Gen.Choose(1, 100) : Gen.Choose(1, 5)
        from perRack in Optional(2)
        from perZone in Optional(3)
        from perSite in Optional(3)
        select new LimitSpec(max, percent, perRack, perZone, perSite);

    private static Gen<StageSpec> StageSpecs =>
        from scope in Gen.Choose(0, 6)
        from anchor in Gen.Choose(0, 1000)
        from strategy in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)))
        from limits in Limits
        from firstWave in Gen.Choose(1, 3)
        from soak in Gen.Choose(0, 3600)
        from rank in Gen.Choose(0, 1000)
        from afterMask in Gen.Choose(0, 15)
        select new StageSpec(scope, anchor, strategy, limits, firstWave, soak, rank, afterMask);

    private static Gen<ProcedureSpec> ProcedureSpecs =>
        from flags in Gen.ArrayOf(Gen.Elements(true, false), 7)
        from mode in Gen.Choose(0, 1)
        from fallback in Gen.Choose(0, 2)
        select new ProcedureSpec(flags[0], flags[1], flags[2], flags[3] || flags[4], mode, fallback, flags[5], flags[6], flags[0]);

    private static Scenario Build(int[][][] shape, HostSpec[] hostSpecs, VnfSpec[] vnfSpecs, StageSpec[] stageSpecs, string[] order, ProcedureSpec procedure)
    {
        var (sites, hosts) = BuildHosts(shape, hostSpecs);
        var galera = hosts.Where(h => h.Runs("galera")).Select(h => h.Id).ToImmutableArray();
        ImmutableArray<ControlCluster> clusters = galera.IsEmpty ? [] : [new ControlCluster("galera", "galera", galera, QuorumRule.Majority, [.. sites.Select(s => s.Name)])];
        var dc = new DataCentre("generated", null, [.. sites], [.. hosts], clusters, [.. BuildVnfs(vnfSpecs, hosts)]);
        var campaign = new Campaign("generated", null, null,
            Components.ToImmutableSortedDictionary(c => c, _ => Target, StringComparer.Ordinal),
            [
                new Component("host-os", [], [], new UpgradeImpact(true, true, "all VMs", 300, ["/etc"], 600)),
                new Component("libvirt", [], [], new UpgradeImpact(false, true, "the hypervisor", 60, [], 0)),
                new Component("galera", [], [], new UpgradeImpact(false, false, "one database member", 60, ["databases"], 900)),
                new Component("nova", [], [], UpgradeImpact.Light),
            ],
            [.. BuildStages(stageSpecs, order, hosts)],
            [BuildProcedure(procedure)],
            RecoveryPolicy.Default,
            [new HealthCheck("ok", "true", null, 200, 30)]);
        return new Scenario(dc, campaign);
    }

    private static (List<Site> Sites, List<Host> Hosts) BuildHosts(int[][][] shape, HostSpec[] specs)
    {
        var sites = new List<Site>();
        var hosts = new List<Host>();
        var (zoneCount, rackCount) = (0, 0);
        for (var s = 0; s < shape.Length; s++)
        {
            var site = $"s{s + 1}";
            var zones = new List<Zone>();
            foreach (var zoneShape in shape[s])
            {
                var zone = $"z{++zoneCount}";
                var racks = new List<string>();
                foreach (var count in zoneShape)
                {
                    var rack = $"r{++rackCount}";
                    racks.Add(rack);
                    for (var i = 0; i < count; i++)
                    {
                        hosts.Add(BuildHost(specs[hosts.Count], $"h{hosts.Count + 1}", site, zone, rack));
                    }
                }
                zones.Add(new Zone(zone, [.. racks]));
            }
            sites.Add(new Site(site, [.. zones]));
        }
        return (sites, hosts);
    }

    private static Host BuildHost(HostSpec spec, string name, string site, string zone, string rack)
    {
        var roles = spec.Role switch
        {
            0 => HostRoles.Compute,
            1 => HostRoles.Control | HostRoles.Network,
            2 => HostRoles.Compute | HostRoles.Storage,
            _ => HostRoles.Control,
        };
        var spare = spec.Spare && roles.HasFlag(HostRoles.Compute);
        var labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [new KeyValuePair<string, string>("tier", spec.Gold ? "gold" : "silver"), new("pool", spare ? "spare" : "main")]);
        var software = ImmutableSortedDictionary.CreateBuilder<string, SemVersion>(StringComparer.Ordinal);
        for (var c = 0; c < Components.Length; c++)
        {
            // Every host runs host-os, so every stage of host-os finds hosts.
            var v = c == 0 ? Math.Max(0, spec.Versions[c]) : spec.Versions[c];
            if (v >= 0) software[Components[c]] = Versions[v];
        }
        return new Host(new HostId(name), site, zone, rack, roles, labels, new Capacity(spec.Vcpu, spec.Ram, 1000), software.ToImmutable());
    }

    private static List<Vnf> BuildVnfs(VnfSpec[] specs, List<Host> hosts)
    {
        var eligible = hosts.Where(h => h.Roles.HasFlag(HostRoles.Compute) && h.Labels["pool"] == "main").ToList();
        var load = eligible.ToDictionary(h => h.Id, _ => (Vcpu: 0.0, Ram: 0.0));
        var vnfs = new List<Vnf>();
        for (var v = 0; v < specs.Length && eligible.Count > 0; v++)
        {
            var spec = specs[v];
            var model = (RedundancyModel)spec.Model;
            var wanted = model switch
            {
                RedundancyModel.ActiveStandby => 2,
                RedundancyModel.None => 1 + spec.Count % 2,
                _ => spec.Count,
            };
            var flavor = new Flavor(spec.Vcpu, spec.Ram);
            var instances = new List<Instance>();
            for (var k = 0; k < wanted; k++)
            {
                var start = spec.Picks[k] % eligible.Count;
                for (var t = 0; t < eligible.Count; t++)
                {
                    var host = eligible[(start + t) % eligible.Count];
                    var (vcpu, ram) = load[host.Id];
                    if (vcpu + flavor.Vcpu <= host.Capacity.AllocatableVcpu && ram + flavor.RamGiB <= host.Capacity.AllocatableRamGiB)
                    {
                        load[host.Id] = (vcpu + flavor.Vcpu, ram + flavor.RamGiB);
                        instances.Add(new Instance(new InstanceId($"v{v + 1}-{k + 1}"), host.Id, flavor));
                        break;
                    }
                }
            }
            if (instances.Count == 0 || (model == RedundancyModel.ActiveStandby && instances.Count != 2))
            {
                foreach (var i in instances) load[i.Host] = (load[i.Host].Vcpu - flavor.Vcpu, load[i.Host].Ram - flavor.RamGiB);
                continue;
            }
            var redundancy = model switch
            {
                RedundancyModel.ActiveStandby => new Redundancy(model, Active: instances[0].Id),
                RedundancyModel.NPlusM => new Redundancy(model, MinActive: Math.Min(spec.MinActive, instances.Count)),
                _ => new Redundancy(model),
            };
            var coordination = spec.Coordinated ? new Coordination(true, 0, 20, [VnfmAction.Migrate]) : Coordination.Uncoordinated;
            vnfs.Add(new Vnf(new VnfId($"v{v + 1}"), redundancy, (AntiAffinity)spec.AntiAffinity, new Migration((MigrationMode)spec.Migration),
                spec.Vcpu % 2, coordination, null, [.. instances]));
        }
        return vnfs;
    }

    private static List<Stage> BuildStages(StageSpec[] specs, string[] order, List<Host> hosts)
    {
        var kept = new List<(Stage Stage, StageSpec Spec)>();
        var hasSpares = hosts.Any(h => h.Labels["pool"] == "spare");
        var universe = false;
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var component = order[i];
            var asUniverse = spec.Strategy == 2 && hasSpares && !universe;
            var runs = hosts.Where(h => h.Runs(component) && (!asUniverse || h.Labels["pool"] == "main")).ToList();
            if (runs.Count == 0 && asUniverse)
            {
                (asUniverse, runs) = (false, [.. hosts.Where(h => h.Runs(component))]);
            }
            if (runs.Count == 0) continue;
            var scope = Scope(spec.Scope, runs[spec.Anchor % runs.Count]);
            if (asUniverse) scope = scope with { Labels = scope.Labels.SetItem("pool", "main") };
            var behind = hosts.Count(h => scope.Matches(h) && h.Software.TryGetValue(component, out var v) && v < Target);
            var limits = new FaultDomainLimits(new Limit(spec.Limits.Max, spec.Limits.Percent), spec.Limits.PerRack, spec.Limits.PerZone, spec.Limits.PerSite);
            Strategy strategy = (spec.Strategy, asUniverse) switch
            {
                (_, true) => new ParallelUniverseStrategy(Selector.All with { Labels = ImmutableSortedDictionary<string, string>.Empty.Add("pool", "spare") },
                    new TimedStep(300, 1800, ExpiryPolicy.Rollback), new TimedStep(60, 300, ExpiryPolicy.Abort),
                    hosts.Any(h => h.Runs("galera")) ? ["galera"] : [], limits),
                (1, _) => new CanaryStrategy(Math.Min(spec.FirstWave, Math.Max(1, behind)), spec.Soak, ["ok"], limits),
                _ => new RollingStrategy(limits),
            };
            universe |= asUniverse;
            kept.Add((new Stage($"st{i + 1}", scope, [component], [], strategy, "p"), spec));
        }
        // An edge only from a lower rank to a higher one, so the edges form a DAG whatever the file order.
        return [.. kept.Select((k, i) => k.Stage with
        {
            After = [.. kept.Where((other, j) => j != i && (other.Spec.Rank, j).CompareTo((k.Spec.Rank, i)) < 0 && ((k.Spec.AfterMask >> (j % 4)) & 1) == 1)
                           .Select(other => other.Stage.Name)],
        })];
    }

    private static Selector Scope(int kind, Host anchor)
    {
        var tier = ImmutableSortedDictionary<string, string>.Empty.Add("tier", anchor.Labels["tier"]);
        return kind switch
        {
            0 => Selector.All,
            1 => Selector.All with { Roles = anchor.Roles },
            2 => Selector.All with { Labels = tier },
            3 => Selector.All with { Racks = [anchor.Rack] },
            4 => Selector.All with { Zones = [anchor.Zone] },
            5 => Selector.All with { Sites = [anchor.Site] },
            _ => Selector.All with { Roles = anchor.Roles, Labels = tier, Sites = [anchor.Site] },
        };
    }

    private static Procedure BuildProcedure(ProcedureSpec spec)
    {
        var steps = new List<ProcedureStep>();
        if (spec.Enter) steps.Add(new ProcedureStep(StepAction.EnterMaintenance, 5, 60, ExpiryPolicy.Retry));
        if (spec.Notify) steps.Add(new ProcedureStep(StepAction.Notify, 5, 20, ExpiryPolicy.Skip, Event: FenixEvent.PrepareMaintenance, WaitReply: true));
        if (spec.Switchover) steps.Add(new ProcedureStep(StepAction.Switchover, 3, 30, ExpiryPolicy.Abort));
        if (spec.Evacuate)
        {
            MigrationMode? fallback = spec.Fallback switch { 0 => null, 1 => MigrationMode.Cold, _ => MigrationMode.Live };
            steps.Add(new ProcedureStep(StepAction.Evacuate, 30, 900, ExpiryPolicy.FallBack, (MigrationMode)spec.Mode, fallback));
        }
        if (spec.Backup) steps.Add(new ProcedureStep(StepAction.Backup, 60, 600, ExpiryPolicy.Abort));
        steps.Add(new ProcedureStep(StepAction.Upgrade, 720, 1500, ExpiryPolicy.Rollback));
        if (spec.Verify) steps.Add(new ProcedureStep(StepAction.Verify, 30, 300, ExpiryPolicy.Rollback, Checks: ["ok"]));
        if (spec.Leave) steps.Add(new ProcedureStep(StepAction.LeaveMaintenance, 5, 60, ExpiryPolicy.Retry));
        return new Procedure("p", [.. steps]);
    }
}
