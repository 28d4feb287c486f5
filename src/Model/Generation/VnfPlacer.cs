using Escalator.Model.Topology;

namespace Escalator.Model.Generation;

/// <summary>Places the instances of generated VNFs on compute hosts, keeping anti-affinity and leaving headroom on every host.</summary>
/// <remarks>
/// Each host offers only <see cref="ScenarioGenerator.Headroom"/> of its allocatable vCPU, RAM and disk, so that what one host carries can
/// be evacuated to the others during an upgrade. Hosts are tried at random first, then in order from a random start,
/// so placement stays fast (a few probes per instance) and is deterministic for a seeded random source.
/// </remarks>
internal sealed class VnfPlacer
{
    private const int Probes = 32;

    private readonly HostId[] _ids;
    private readonly int[] _racks;
    private readonly double[] _vcpu;
    private readonly double[] _ram;
    private readonly double[] _disk;
    private readonly Random _random;
    private readonly HashSet<int> _taken = [];

    public VnfPlacer(IReadOnlyList<Host> computes, Random random)
    {
        ArgumentNullException.ThrowIfNull(computes);
        ArgumentOutOfRangeException.ThrowIfZero(computes.Count);
        _random = random;
        _ids = [.. computes.Select(h => h.Id)];
        var rackIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _racks = [.. computes.Select(h => rackIndex.TryGetValue(h.Rack, out var i) ? i : rackIndex[h.Rack] = rackIndex.Count)];
        RackCount = rackIndex.Count;
        _vcpu = [.. computes.Select(h => h.Capacity.AllocatableVcpu * ScenarioGenerator.Headroom)];
        _ram = [.. computes.Select(h => h.Capacity.AllocatableRamGiB * ScenarioGenerator.Headroom)];
        _disk = [.. computes.Select(h => h.Capacity.AllocatableDiskGiB * ScenarioGenerator.Headroom)];
    }

    /// <summary>How many compute hosts there are.</summary>
    public int HostCount => _ids.Length;

    /// <summary>How many racks hold compute hosts.</summary>
    public int RackCount { get; }

    /// <summary>Chooses a host for each of <paramref name="count"/> instances, no two in one <paramref name="scope"/>
    /// domain, and takes their resources; null (taking nothing) when no host with room is left in a free domain.</summary>
    public HostId[]? TryPlace(int count, Flavor flavor, AntiAffinity scope)
    {
        _taken.Clear();
        var chosen = new int[count];
        for (var i = 0; i < count; i++)
        {
            var h = Probe(flavor, scope);
            if (h < 0) h = Scan(flavor, scope);
            if (h < 0)
            {
                foreach (var placed in chosen.AsSpan(0, i)) Take(placed, flavor, -1);
                return null;
            }
            Take(h, flavor, 1);
            _taken.Add(Domain(h, scope));
            chosen[i] = h;
        }
        return [.. chosen.Select(h => _ids[h])];
    }

    private void Take(int h, Flavor flavor, int sign)
    {
        _vcpu[h] -= sign * flavor.Vcpu;
        _ram[h] -= sign * flavor.RamGiB;
        _disk[h] -= sign * flavor.DiskGiB;
    }

    private int Probe(Flavor flavor, AntiAffinity scope)
    {
        for (var attempt = 0; attempt < Probes; attempt++)
        {
            var h = _random.Next(_ids.Length);
            if (Fits(h, flavor, scope)) return h;
        }
        return -1;
    }

    private int Scan(Flavor flavor, AntiAffinity scope)
    {
        var start = _random.Next(_ids.Length);
        for (var k = 0; k < _ids.Length; k++)
        {
            var h = (start + k) % _ids.Length;
            if (Fits(h, flavor, scope)) return h;
        }
        return -1;
    }

    private bool Fits(int h, Flavor flavor, AntiAffinity scope) =>
        _vcpu[h] >= flavor.Vcpu && _ram[h] >= flavor.RamGiB && _disk[h] >= flavor.DiskGiB
        && (scope == AntiAffinity.None || !_taken.Contains(Domain(h, scope)));

    /// <summary>The domain a host stands for at a scope: itself, or its rack (zones are not used by the generator).</summary>
    private int Domain(int h, AntiAffinity scope) => scope switch
    {
        AntiAffinity.Host => h,
        AntiAffinity.Rack => _racks[h],
        AntiAffinity.None => -1,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "the generator keeps instances apart by host or rack"),
    };
}
