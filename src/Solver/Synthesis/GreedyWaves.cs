namespace Escalator.Solver.Synthesis;

/// <summary>A first plan without a solver: the visits longest first, each into the first wave where it keeps every
/// limit (first-fit decreasing) among a given number of waves, moving one host of a full wave elsewhere when that makes
/// room; the fewest waves for which this succeeds.</summary>
/// <remarks>Taken longest first, a host never lengthens the wave it joins unless it opens it, so a plan costs the visits
/// that open its waves: few waves, each opened as late as can be. On a stage with only its size limit this is optimal
/// (waves of the next longest visits); otherwise it is an upper bound that <see cref="TimeBound"/> may match, and a start
/// for <see cref="TimeSearch"/>.</remarks>
internal sealed class GreedyWaves
{
    private readonly StageModel _m;
    private readonly List<Group> _limits;
    private readonly List<(int Limit, int Weight)>[] _of;
    private readonly List<List<int>> _waves = [];
    private readonly List<int[]> _used = [];

    private GreedyWaves(StageModel m, IReadOnlyList<Group> cuts)
    {
        _m = m;
        _limits = [.. m.WaveLimits(cuts)];
        _of = [.. Enumerable.Range(0, m.Hosts.Count).Select(_ => new List<(int, int)>())];
        for (var l = 0; l < _limits.Count; l++)
        {
            foreach (var (host, weight) in _limits[l].Weights) _of[host].Add((l, weight));
        }
    }

    /// <summary>How many waves beyond the model's lower bound are tried with room made, before waves are simply opened.</summary>
    private const int ExtraWaves = 2;

    /// <summary>Per wave the hosts (indices into the model): in the fewest waves from the model's lower bound up to
    /// <see cref="ExtraWaves"/> more, else in as many as plain first-fit opens; null when a host fits in no wave even alone
    /// (or the canary wave cannot be filled to its size).</summary>
    public static List<List<int>>? Assign(StageModel m, IReadOnlyList<Group> cuts)
    {
        ArgumentNullException.ThrowIfNull(m);
        var fewest = m.LowerBound();
        for (var slots = fewest; slots <= fewest + ExtraWaves; slots++)
        {
            if (new GreedyWaves(m, cuts).Fill(slots, makeRoom: true) is { } waves) return waves;
        }
        return new GreedyWaves(m, cuts).Fill(m.Hosts.Count, makeRoom: false);
    }

    /// <summary>Hosts longest visit first; among equals in their order in the stage.</summary>
    public static IEnumerable<int> Order(StageModel m) =>
        Enumerable.Range(0, m.Hosts.Count).OrderByDescending(i => m.Seconds[i]).ThenBy(i => i);

    /// <summary>What a plan of these waves takes by the model: each wave its longest visit, and the canary's soak.</summary>
    public static double Seconds(StageModel m, IEnumerable<IEnumerable<int>> waves) =>
        waves.Sum(w => w.Select(i => m.Seconds[i]).DefaultIfEmpty(0).Max()) + m.SoakSeconds;

    private List<List<int>>? Fill(int slots, bool makeRoom)
    {
        foreach (var host in Order(_m))
        {
            var wave = Enumerable.Range(0, _waves.Count).FirstOrDefault(k => Fits(host, k), -1);
            if (wave < 0 && _waves.Count < slots)
            {
                _waves.Add([]);
                _used.Add(new int[_limits.Count]);
                wave = Fits(host, _waves.Count - 1) ? _waves.Count - 1 : -1;
            }
            if (wave < 0 && !(makeRoom && MakeRoom(host, out wave))) return null;
            Add(host, wave);
        }
        if (_m.FirstWave is { } first && _waves[0].Count != first) return null;
        return [.. _waves.Where(w => w.Count > 0)];
    }

    /// <summary>Moves one host of some wave to another wave where it fits, so that <paramref name="host"/> fits where it
    /// was; prefers a move that lengthens no wave.</summary>
    private bool MakeRoom(int host, out int wave)
    {
        (int From, int Moved, int To)? fallback = null;
        for (wave = 0; wave < _waves.Count; wave++)
        {
            foreach (var other in _waves[wave].ToList())
            {
                Remove(other, wave);
                if (Fits(host, wave))
                {
                    Add(host, wave);
                    for (var to = 0; to < _waves.Count; to++)
                    {
                        if (to == wave || !Fits(other, to)) continue;
                        var lengthens = _waves[to].Count == 0 || _m.Seconds[_waves[to][0]] < _m.Seconds[other];
                        if (!lengthens)
                        {
                            Remove(host, wave);
                            Add(other, to);
                            return true;
                        }
                        fallback ??= (wave, other, to);
                    }
                    Remove(host, wave);
                }
                Add(other, wave);
            }
        }
        if (fallback is not { } f)
        {
            wave = -1;
            return false;
        }
        Remove(f.Moved, f.From);
        Add(f.Moved, f.To);
        wave = f.From;
        return true;
    }

    private bool Fits(int host, int wave)
    {
        if (_waves[wave].Count + 1 > _m.Capacity(wave)) return false;
        foreach (var (l, weight) in _of[host])
        {
            if (_used[wave][l] + weight > _limits[l].Tolerated) return false;
        }
        return true;
    }

    /// <summary>Adds a host to a wave, keeping the wave's longest visit first.</summary>
    private void Add(int host, int wave)
    {
        var list = _waves[wave];
        var at = list.FindIndex(i => _m.Seconds[i] < _m.Seconds[host]);
        list.Insert(at < 0 ? list.Count : at, host);
        foreach (var (l, weight) in _of[host]) _used[wave][l] += weight;
    }

    private void Remove(int host, int wave)
    {
        _waves[wave].Remove(host);
        foreach (var (l, weight) in _of[host]) _used[wave][l] -= weight;
    }
}
