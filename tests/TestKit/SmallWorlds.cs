using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

/// <summary>A small data centre and a one-stage rolling campaign over it, rebuilt from <see cref="Seed"/>.</summary>
public sealed record SmallWorld(int Seed, bool Gentle, DataCentre Topology, Campaign Campaign)
{
    public override string ToString() => $"seed {Seed}{(Gentle ? " (gentle)" : "")}: {Describe()}";

    private string Describe()
    {
        var hosts = string.Join(", ", Topology.Hosts.Select(h =>
            $"{h.Id}@{h.Site}/{h.Zone}/{h.Rack}[{h.Capacity.Vcpu}c {h.Capacity.RamGiB}G host-os {h.Software["host-os"]}]"));
        var vnfs = string.Join("; ", Topology.Vnfs.Select(v =>
            $"{v.Id} {v.Redundancy.Model} tolerates {v.Tolerated} aa={v.AntiAffinity} {v.Migration.Mode} budget={v.Availability?.MaxOutageSeconds} "
            + $"({v.Instances[0].Flavor.Vcpu}c {v.Instances[0].Flavor.RamGiB}G): {string.Join(" ", v.Instances.Select(i => $"{i.Id}@{i.Host}"))}"));
        var clusters = string.Join("; ", Topology.Clusters.Select(c => $"{c.Service} {c.Quorum} of {string.Join(" ", c.Members)}"));
        var stage = Campaign.Stages[0];
        var limits = ((RollingStrategy)stage.Strategy).Limits;
        var steps = string.Join(" ", Campaign.Procedures[0].Steps.Select(s => s.Action + (s.Mode is { } m ? $"({m}/{s.Fallback})" : "")));
        var impact = Campaign.Components[0].Impact;
        return $"hosts {hosts} | vnfs {vnfs} | clusters {clusters} | limits {limits} | procedure {steps} | reboot={impact.RebootHost} evacuate={impact.Evacuate}";
    }
}

/// <summary>Generates <see cref="SmallWorld"/>s: 2–8 compute hosts in 1–2 sites, 1–2 zones per site and 1–2 racks per
/// zone (integer capacities, overcommit 1 or 4); up to 4 VNFs of every redundancy model with random anti-affinity, live
/// or cold migration and flavours, placed within capacity and anti-affinity; perhaps a cluster on the computes; and one
/// rolling stage upgrading host-os 12 → 13 with random limits, impact and procedure.</summary>
/// <remarks>What is left out keeps the invariants the oracle does not judge out of play: one stage (ESC-O1), one
/// component a single major ahead and no <c>talksTo</c> (ESC-O2), no identity cluster (ESC-I1), no move-once (ESC-C2), no
/// parallel universe (ESC-U1), VMs that can always move the procedure's way (ESC-M1), every timeout finite and above its
/// step's expected time (ESC-W1), and a VNF that tolerates no loss has no budget or one of 10 s, which at most eight
/// live-migration pauses of 0.52 s cannot exhaust (ESC-R3).</remarks>
public static class SmallWorlds
{
    /// <param name="gentle">Leans towards safe expanded plans: VMs live-migrate, a VNF that tolerates no loss has a
    /// budget, the procedure switches over and evacuates live (cold as fallback), a cluster is a majority of three.</param>
    public static SmallWorld Build(int seed, bool gentle = false)
    {
        var random = new Random(seed);
        var (sites, hosts) = Hosts(random);
        var vnfs = Vnfs(random, hosts, gentle);
        ImmutableArray<ControlCluster> clusters = random.Next(2) == 0 ? [] : [Cluster(random, hosts, gentle)];
        var dc = new DataCentre($"small-{seed}", null, sites, [.. hosts], clusters, [.. vnfs]);
        return new SmallWorld(seed, gentle, dc, Campaign(random, gentle));
    }

    private static (ImmutableArray<Site> Sites, List<Host> Hosts) Hosts(Random random)
    {
        var racks = new List<(string Site, string Zone, string Rack)>();
        var sites = new List<Site>();
        for (var s = 1; s <= (random.Next(4) == 0 ? 2 : 1); s++)
        {
            var zones = new List<Zone>();
            for (var z = 1; z <= random.Next(1, 3); z++)
            {
                var names = Enumerable.Range(1, random.Next(1, 3)).Select(r => $"s{s}z{z}r{r}").ToImmutableArray();
                racks.AddRange(names.Select(r => ($"s{s}", $"s{s}z{z}", r)));
                zones.Add(new Zone($"s{s}z{z}", names));
            }
            sites.Add(new Site($"s{s}", [.. zones]));
        }
        var count = random.Next(2, 9);
        var behind = random.Next(count);
        var overcommit = random.Next(2) == 0 ? 1.0 : 4.0;
        var hosts = new List<Host>();
        for (var i = 0; i < count; i++)
        {
            var (site, zone, rack) = racks[random.Next(racks.Count)];
            var version = i != behind && random.Next(6) == 0 ? new SemVersion(13, 0, 0) : new SemVersion(12, 0, 0);
            var capacity = new Capacity(random.Next(2, 9), new[] { 8, 12, 16, 24, 32 }[random.Next(5)], 100, CpuOvercommit: overcommit);
            hosts.Add(new Host(new HostId($"h{i + 1}"), site, zone, rack, HostRoles.Compute, ImmutableSortedDictionary<string, string>.Empty,
                capacity, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("host-os", version)])));
        }
        return ([.. sites], hosts);
    }

    private static List<Vnf> Vnfs(Random random, List<Host> hosts, bool gentle)
    {
        var load = hosts.ToDictionary(h => h.Id, _ => (Vcpu: 0, Ram: 0.0, Disk: 0.0));
        var vnfs = new List<Vnf>();
        var wanted = random.Next(5);
        for (var v = 1; v <= wanted; v++)
        {
            var model = (RedundancyModel)random.Next(4);
            var count = model switch
            {
                RedundancyModel.ActiveStandby => 2,
                RedundancyModel.None => 1,
                _ => random.Next(1, 5),
            };
            var scope = (AntiAffinity)random.Next(4);
            var flavor = new Flavor(random.Next(1, 5), new[] { 1, 2, 4, 6, 8 }[random.Next(5)], random.Next(2) * 10);
            var instances = new List<Instance>();
            for (var k = 1; k <= count; k++)
            {
                var taken = instances.Select(i => FaultDomain.Of(hosts.First(h => h.Id == i.Host), scope)).ToHashSet(StringComparer.Ordinal);
                var room = hosts.Where(h => Fits(h, load[h.Id], flavor) && (scope == AntiAffinity.None || !taken.Contains(FaultDomain.Of(h, scope)))).ToList();
                if (room.Count == 0) break;
                var host = room[random.Next(room.Count)];
                var (vcpu, ram, disk) = load[host.Id];
                load[host.Id] = (vcpu + flavor.Vcpu, ram + flavor.RamGiB, disk + flavor.DiskGiB);
                instances.Add(new Instance(new InstanceId($"v{v}-{k}"), host.Id, flavor));
            }
            if (instances.Count == 0 || (model == RedundancyModel.ActiveStandby && instances.Count != 2))
            {
                foreach (var i in instances) load[i.Host] = (load[i.Host].Vcpu - flavor.Vcpu, load[i.Host].Ram - flavor.RamGiB, load[i.Host].Disk - flavor.DiskGiB);
                continue;
            }
            var redundancy = model switch
            {
                RedundancyModel.ActiveStandby => new Redundancy(model, instances[0].Id),
                RedundancyModel.NPlusM => new Redundancy(model, MinActive: random.Next(1, instances.Count + 1)),
                _ => new Redundancy(model),
            };
            var tolerated = redundancy.Tolerated(instances.Count);
            var budget = tolerated == 0 && (random.Next(4) > 0 || gentle) ? new AvailabilityTarget(null, 10) : null;
            var migration = new Migration(random.Next(3) == 0 && !gentle ? MigrationMode.Cold : MigrationMode.Live);
            vnfs.Add(new Vnf(new VnfId($"v{v}"), redundancy, scope, migration, random.Next(2) * 2, Coordination.Uncoordinated, budget, [.. instances]));
        }
        return vnfs;
    }

    private static bool Fits(Host h, (int Vcpu, double Ram, double Disk) used, Flavor f) =>
        used.Vcpu + f.Vcpu <= h.Capacity.AllocatableVcpu && used.Ram + f.RamGiB <= h.Capacity.AllocatableRamGiB
        && used.Disk + f.DiskGiB <= h.Capacity.AllocatableDiskGiB;

    private static ControlCluster Cluster(Random random, List<Host> hosts, bool gentle)
    {
        // Mostly three members that can lose one, so that a cluster does not make most plans unsafe on its own.
        var members = hosts.OrderBy(_ => random.Next()).Take(random.Next(4) == 0 && !gentle ? random.Next(1, 3) : 3).ToList();
        var quorum = new[] { QuorumRule.Majority, QuorumRule.Majority, QuorumRule.Majority, QuorumRule.Any, QuorumRule.Any, QuorumRule.All }[gentle ? 0 : random.Next(6)];
        return new ControlCluster("mon", "host-os", [.. members.Select(h => h.Id)], quorum, [.. members.Select(h => h.Site).Distinct()]);
    }

    private static Campaign Campaign(Random random, bool gentle)
    {
        var limits = new FaultDomainLimits(
            random.Next(4) == 0 ? new Limit(random.Next(25, 101), true) : new Limit(random.Next(1, 4), false),
            random.Next(3) == 0 ? random.Next(1, 3) : null,
            random.Next(4) == 0 ? random.Next(1, 3) : null,
            random.Next(4) == 0 ? random.Next(1, 3) : null);
        var impact = random.Next(3) switch
        {
            0 => new UpgradeImpact(true, true, "all VMs", 600, [], 0),
            1 => new UpgradeImpact(false, true, "the hypervisor", 60, [], 0),
            _ => UpgradeImpact.Light,
        };
        var steps = new List<ProcedureStep>();
        if (random.Next(2) == 0) steps.Add(new ProcedureStep(StepAction.EnterMaintenance, 5, 60, ExpiryPolicy.Retry));
        if (random.Next(2) == 0 || gentle) steps.Add(new ProcedureStep(StepAction.Switchover, 3, 30, ExpiryPolicy.Abort));
        if (random.Next(4) > 0 || gentle)
        {
            steps.Add(random.Next(4) == 0 && !gentle
                ? new ProcedureStep(StepAction.Evacuate, 30, 600, ExpiryPolicy.Abort, Mode: MigrationMode.Cold)
                : new ProcedureStep(StepAction.Evacuate, 30, 600, ExpiryPolicy.FallBack, Mode: MigrationMode.Live, Fallback: MigrationMode.Cold));
        }
        steps.Add(new ProcedureStep(StepAction.Upgrade, 600, 1800, ExpiryPolicy.Rollback));
        var stage = new Stage("computes", Selector.All with { Roles = HostRoles.Compute }, ["host-os"], [], new RollingStrategy(limits), "p");
        return new Campaign("small", null, null,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("host-os", new SemVersion(13, 0, 0))]),
            [new Component("host-os", [], [], impact)], [stage], [new Procedure("p", [.. steps])], RecoveryPolicy.Default, [])
        {
            MoveOnce = false,
        };
    }
}
