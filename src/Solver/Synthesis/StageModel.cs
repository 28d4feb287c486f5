using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.Solver.Synthesis;

/// <summary>What synthesis needs to know about one rolling or canary stage: its hosts, what each host's visit takes,
/// which hosts may not share a wave (and how many may), its limits and the room for evacuated VMs.</summary>
/// <remarks>Built from the placement at the start of the campaign: in the wave that visits a host, the VMs placed on it
/// are still there (they move only when their host's turn comes), so every constraint here is necessary for safety.
/// Where VMs land is left to expansion and checked by verification afterwards.</remarks>
/// <param name="Seconds">Per host (same index as <paramref name="Hosts"/>): the least its visit takes in any plan (see
/// <see cref="VisitSeconds"/>).</param>
/// <param name="SoakSeconds">The canary wave's soak, a constant of every plan of the stage; 0 for rolling.</param>
internal sealed record StageModel(
    Stage Stage,
    IReadOnlyList<Host> Hosts,
    IReadOnlyList<double> Seconds,
    int MaxPerWave,
    int? FirstWave,
    double SoakSeconds,
    FaultDomainLimits Limits,
    IReadOnlyList<Group> Groups,
    IReadOnlyList<Room> Rooms,
    IReadOnlyList<string> Impossible)
{
    /// <summary>The fewest waves any safe plan needs: by maxUnavailable, by every domain limit, by every group.</summary>
    public int LowerBound()
    {
        if (Hosts.Count == 0) return 0;
        var canary = FirstWave is null ? 0 : 1;
        var rest = Hosts.Count - (FirstWave ?? 0);
        var bound = canary + (rest <= 0 ? 0 : Ceiling(rest, MaxPerWave));
        foreach (var (limit, domain) in DomainLimits())
        {
            bound = Math.Max(bound, Hosts.GroupBy(domain).Max(g => Ceiling(g.Count(), limit)));
        }
        foreach (var g in Groups)
        {
            bound = Math.Max(bound, g.Tolerated == 0 ? 0 : Ceiling(g.Weights.Values.Sum(), g.Tolerated));
        }
        return Math.Max(bound, 1);
    }

    /// <summary>How many hosts wave <paramref name="wave"/> may hold: the canary's size first, then maxUnavailable.</summary>
    public int Capacity(int wave) => wave == 0 && FirstWave is { } first ? first : MaxPerWave;

    /// <summary>Every limit a wave must keep besides its size, as weights per host and a bound on their sum: each fault
    /// domain's limit, each group's tolerance (and <paramref name="cuts"/>), and the room for evacuees in each site.</summary>
    public IEnumerable<Group> WaveLimits(IEnumerable<Group> cuts)
    {
        foreach (var (limit, domain) in DomainLimits())
        {
            foreach (var g in Enumerable.Range(0, Hosts.Count).GroupBy(i => domain(Hosts[i])))
            {
                yield return new Group(g.Key, g.ToDictionary(i => i, _ => 1), limit);
            }
        }
        foreach (var g in Groups.Concat(cuts)) yield return g;
        foreach (var room in Rooms.Where(r => r.Needs.Values.Any(x => x > 0)))
        {
            // Evacuees of the wave fit in what the site's other hosts have free: Σ (need + free)·x ≤ total free, in GiB.
            yield return new Group($"room in {room.Site}", room.Needs.Keys.ToDictionary(i => i, i => Gib(room.Needs[i]) + Gib(room.Free[i])),
                (int)Math.Min(int.MaxValue / 2, room.TotalFree / 1024));
        }
    }

    public IEnumerable<(int Limit, Func<Host, string> Domain)> DomainLimits()
    {
        if (Limits.PerRack is { } r) yield return (r, h => h.Rack);
        if (Limits.PerZone is { } z) yield return (z, h => h.Zone);
        if (Limits.PerSite is { } s) yield return (s, h => h.Site);
    }

    private static int Ceiling(int a, int b) => (a + b - 1) / b;

    private static int Gib(long mib) => (int)((mib + 1023) / 1024);
}

/// <summary>Hosts that may have at most <paramref name="Tolerated"/> weight out in one wave: the instances of a redundant
/// VNF each host's visit interrupts, the members of a cluster it takes down, the hosts of a fault domain, or the room
/// evacuees need.</summary>
internal sealed record Group(string Name, IReadOnlyDictionary<int, int> Weights, int Tolerated);

/// <summary>Per site: the RAM (MiB) each host's VMs need elsewhere while it is out, each host's free RAM, and the
/// free RAM of the site's hosts in all; a wave's evacuees must fit in what the rest of the site has free.</summary>
internal sealed record Room(string Site, IReadOnlyDictionary<int, long> Needs, IReadOnlyDictionary<int, long> Free, long TotalFree);
