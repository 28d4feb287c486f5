using System.Collections.Immutable;
using System.Globalization;
using Escalator.Model.Topology;

namespace Escalator.Model.Generation;

public static partial class ScenarioGenerator
{
    private static readonly Flavor Small = new(2, 4, 20);
    private static readonly Flavor Medium = new(4, 8, 40);
    private static readonly Flavor Large = new(8, 16, 80);
    private static readonly Flavor Database = new(4, 16, 100);

    private static readonly string[] PairKinds = ["vepc-mme", "vepc-sgw", "vepc-pgw", "vfw-ha"];
    private static readonly string[] PoolKinds = ["vims-cscf", "vcdn-edge", "vsbc-media"];
    private static readonly string[] QuorumKinds = ["vims-db", "vhss-db", "vudm-store"];
    private static readonly string[] SoloKinds = ["vprobe", "vlog"];
    private static readonly double[] DirtyRatesMiBps = [40, 80, 120, 200];
    private static readonly double[] SwitchoverSeconds = [0.05, 0.2, 1, 3];

    /// <summary>What a VNF is before its instances are placed: its name and every attribute but the instances.</summary>
    private sealed record VnfShape(string Name, int Count, Flavor Flavor, Vnf Template);

    private static ImmutableArray<Vnf> BuildVnfs(int count, VnfPlacer placer, Random random)
    {
        var width = Math.Max(4, Digits(count));
        var vnfs = ImmutableArray.CreateBuilder<Vnf>(count);
        for (var i = 1; i <= count; i++)
        {
            var number = i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            var shape = Fit(ChooseShape(number, random), placer);
            var hosts = placer.TryPlace(shape.Count, shape.Flavor, shape.Template.AntiAffinity);
            if (hosts is null)
            {
                shape = Fallback(number);
                hosts = placer.TryPlace(shape.Count, shape.Flavor, shape.Template.AntiAffinity)
                    ?? throw new InvalidOperationException($"the computes are full: no room is left for '{shape.Name}' within the headroom");
            }
            ImmutableArray<Instance> instances = [.. hosts.Select((h, j) => new Instance(new InstanceId($"{shape.Name}-{j + 1}"), h, shape.Flavor))];
            var redundancy = shape.Template.Redundancy.Model == RedundancyModel.ActiveStandby
                ? shape.Template.Redundancy with { Active = instances[0].Id }
                : shape.Template.Redundancy;
            vnfs.Add(shape.Template with { Redundancy = redundancy, Instances = instances });
        }
        return vnfs.MoveToImmutable();
    }

    /// <summary>About 35% active-standby pairs, 35% n+m pools, 20% quorum clusters and 10% without redundancy.</summary>
    private static VnfShape ChooseShape(string number, Random random)
    {
        var roll = random.NextDouble();
        var project = $"tenant-{random.Next(1, 21):D2}";
        return roll switch
        {
            < 0.35 => Pair(Pick(PairKinds, random) + "-" + number, project, random),
            < 0.70 => Pool(Pick(PoolKinds, random) + "-" + number, project, random),
            < 0.90 => QuorumCluster(Pick(QuorumKinds, random) + "-" + number, random),
            _ => Solo(Pick(SoloKinds, random) + "-" + number, random),
        };
    }

    private static VnfShape Pair(string name, string project, Random random)
    {
        var flavor = random.Next(2) == 0 ? Medium : Large;
        var endpoint = random.Next(2) == 0 ? $"https://vnfm.{project}.example.net/maintenance" : null;
        var coordination = new Coordination(true, 60, 20, [VnfmAction.Switchover, VnfmAction.Migrate], endpoint, project);
        var availability = random.Next(2) == 0 ? AvailabilityTarget.FromSal(1) : new AvailabilityTarget(null, 1);
        var migration = new Migration(MigrationMode.Live, flavor.RamGiB * 0.75, Pick(DirtyRatesMiBps, random));
        var vnf = Template(name, new Redundancy(RedundancyModel.ActiveStandby), AntiAffinity.Rack, migration,
            Pick(SwitchoverSeconds, random), coordination, availability);
        return new VnfShape(name, 2, flavor, vnf);
    }

    private static VnfShape Pool(string name, string project, Random random)
    {
        var count = random.Next(4, 15);
        var spare = random.Next(1, 3);
        var coordination = new Coordination(true, 0, 20, [VnfmAction.Migrate], null, project);
        var vnf = Template(name, new Redundancy(RedundancyModel.NPlusM, MinActive: count - spare), AntiAffinity.Host,
            new Migration(MigrationMode.Live), 0, coordination, AvailabilityTarget.FromSal(2));
        return new VnfShape(name, count, random.Next(2) == 0 ? Small : Medium, vnf);
    }

    private static VnfShape QuorumCluster(string name, Random random)
    {
        var migration = new Migration(MigrationMode.Live, Database.RamGiB * 0.85, 200);
        var vnf = Template(name, new Redundancy(RedundancyModel.Quorum), AntiAffinity.Rack, migration, 0,
            Coordination.Uncoordinated, AvailabilityTarget.FromSal(random.Next(2, 4)));
        return new VnfShape(name, random.Next(4) == 0 ? 5 : 3, Database, vnf);
    }

    private static VnfShape Solo(string name, Random random)
    {
        var count = random.Next(1, 3);
        var vnf = Template(name, new Redundancy(RedundancyModel.None), count == 1 ? AntiAffinity.None : AntiAffinity.Host,
            new Migration(MigrationMode.Cold), 0, Coordination.Uncoordinated, SoloBudget);
        return new VnfShape(name, count, Medium, vnf);
    }

    /// <summary>What takes the place of a VNF too large for the room left: one small instance, anywhere.</summary>
    private static VnfShape Fallback(string number)
    {
        var name = $"{SoloKinds[0]}-{number}";
        return new VnfShape(name, 1, Small, Template(name, new Redundancy(RedundancyModel.None), AntiAffinity.None,
            new Migration(MigrationMode.Cold), 0, Coordination.Uncoordinated, SoloBudget));
    }

    /// <summary>Unprotected helpers (probes, loggers) accept a few cold migrations' worth of outage per upgrade.</summary>
    private static readonly AvailabilityTarget SoloBudget = new(null, 120);

    /// <summary>Shrinks a shape to what the data centre can hold apart: rack anti-affinity becomes host anti-affinity
    /// when there are too few racks, and a pool has at most one instance per compute host.</summary>
    private static VnfShape Fit(VnfShape shape, VnfPlacer placer)
    {
        var vnf = shape.Template;
        if (vnf.AntiAffinity == AntiAffinity.Rack && shape.Count > placer.RackCount)
        {
            vnf = vnf with { AntiAffinity = AntiAffinity.Host };
        }
        if (vnf.AntiAffinity != AntiAffinity.Host || shape.Count <= placer.HostCount)
        {
            return shape with { Template = vnf };
        }
        var count = placer.HostCount;
        var redundancy = vnf.Redundancy.Model == RedundancyModel.NPlusM
            ? vnf.Redundancy with { MinActive = Math.Max(1, count - (shape.Count - vnf.Redundancy.MinActive)) }
            : vnf.Redundancy;
        return shape with { Count = count, Template = vnf with { Redundancy = redundancy } };
    }

    private static Vnf Template(string name, Redundancy redundancy, AntiAffinity antiAffinity, Migration migration,
        double switchover, Coordination coordination, AvailabilityTarget? availability) =>
        new(new VnfId(name), redundancy, antiAffinity, migration, switchover, coordination, availability, []);

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];
}
