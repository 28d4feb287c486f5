using System.Collections.Immutable;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Yaml;

/// <summary>Varies a generated data centre in what the generator keeps uniform: tricky text, odd numbers, per-instance
/// flavours, hosts that break a run, every optional field present or absent.</summary>
internal static class TopologyVariations
{
    public static DataCentre Vary(DataCentre dc, Random random)
    {
        var hosts = dc.Hosts.Select(h => random.Next(4) == 0 ? VaryHost(h, random) : h).ToImmutableArray();
        var names = new HashSet<string>(dc.Vnfs.Select(v => v.Id.Name).Concat(dc.Vnfs.SelectMany(v => v.Instances.Select(x => x.Id.Name))), StringComparer.Ordinal);
        var vnfs = dc.Vnfs.Select(v => random.Next(3) == 0 ? VaryVnf(v, names, random) : v).ToImmutableArray();
        var clusters = dc.Clusters.Select(c => c with { Serves = random.Next(2) == 0 ? c.Serves : [c.Serves[0]] }).ToImmutableArray();
        return dc with
        {
            Name = TrickyText.NextName(random, "dc"),
            Description = random.Next(4) == 0 ? null : TrickyText.Next(random),
            Hosts = hosts,
            Vnfs = vnfs,
            Clusters = clusters,
        };
    }

    private static Host VaryHost(Host host, Random random) => random.Next(3) switch
    {
        0 => host with { Labels = host.Labels.SetItem(TrickyText.Next(random), TrickyText.Next(random)) },
        1 => host with { Capacity = host.Capacity with { RamOvercommit = 1.5, DiskOvercommit = 1 + 0.1 + 0.2, DiskGiB = host.Capacity.DiskGiB + random.NextDouble() } },
        _ => host with { Software = host.Software.SetItem(TrickyText.NextName(random, "agent"), new(1, random.Next(100), 0, "rc.1", "build.7")) },
    };

    private static Vnf VaryVnf(Vnf vnf, HashSet<string> names, Random random)
    {
        var instances = vnf.Instances;
        if (instances.Length > 1 && random.Next(2) == 0)
        {
            // A smaller flavour keeps the host within its capacity while differing from the VNF's.
            instances = instances.SetItem(instances.Length - 1, instances[^1] with { Flavor = new Flavor(1, 0.5, 0) });
        }
        var coordination = random.Next(3) switch
        {
            0 => vnf.Coordination,
            1 => new Coordination(random.Next(2) == 0, random.Next(0, 600) / 10.0, 20.125, [VnfmAction.OwnAction, VnfmAction.LiveMigrate],
                "https://vnfm.test/notices?vnf=" + Uri.EscapeDataString(TrickyText.Next(random)), random.Next(2) == 0 ? null : TrickyText.Next(random)),
            _ => Coordination.Uncoordinated,
        };
        var availability = random.Next(3) switch
        {
            0 => null,
            1 => new AvailabilityTarget(null, random.Next(1, 100_000) / 1000.0),
            _ => AvailabilityTarget.FromSal(random.Next(1, 4)),
        };
        var renamed = Renamed(vnf, names, random);
        return renamed with
        {
            Instances = renamed.Instances.Select((x, j) => x with { Flavor = instances[j].Flavor }).ToImmutableArray(),
            Migration = new Migration(MigrationMode.None, random.Next(2) == 0 ? null : random.NextDouble() * 64, random.NextDouble() * 300),
            SwitchoverSeconds = random.Next(0, 10_000) / 1000.0,
            Coordination = coordination,
            Availability = availability,
        };
    }

    /// <summary>The VNF and its instances under tricky names, made unique with a counter where taken.</summary>
    private static Vnf Renamed(Vnf vnf, HashSet<string> names, Random random)
    {
        var name = Unique(names, random);
        var instances = vnf.Instances.Select(x => x with { Id = new InstanceId(Unique(names, random)) }).ToImmutableArray();
        var redundancy = vnf.Redundancy.Active is null ? vnf.Redundancy : vnf.Redundancy with { Active = instances[0].Id };
        return vnf with { Id = new VnfId(name), Instances = instances, Redundancy = redundancy };
    }

    private static string Unique(HashSet<string> names, Random random)
    {
        var name = TrickyText.NextName(random, "x");
        for (var n = 2; !names.Add(name); n++)
        {
            name = $"{TrickyText.NextName(random, "x")}#{n}";
        }
        return name;
    }
}
