namespace Escalator.Solver.Synthesis;

/// <summary>The least time any plan of a stage can take, proved without a solver from the model's limits.</summary>
/// <remarks>
/// A wave lasts as long as its longest visit. Sort the waves of any plan by that time, longest first. For a set of hosts
/// of which a wave holds at most c (all hosts: maxUnavailable; a rack under perRack; a VNF's hosts under its tolerance),
/// the first j waves hold at most j·c of them, so one of its j·c + 1 longest lies in a wave of rank j + 1 or later and
/// the wave of rank j + 1 lasts at least that long. And a plan of K waves has K distinct longest visits, so its wave of
/// rank j + 1 lasts at least the (K − j)-th shortest visit. Summing the larger of the two over the ranks bounds every
/// plan of K waves; the bound of the stage is the least over the K that its limits allow.
/// </remarks>
internal sealed class TimeBound
{
    private readonly double[] _rank;
    private readonly double[] _longestFirst;
    private readonly int _fewestWaves;
    private readonly double _soak;

    public TimeBound(StageModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var n = m.Hosts.Count;
        _longestFirst = [.. m.Seconds.OrderDescending()];
        _fewestWaves = m.LowerBound();
        _soak = m.SoakSeconds;
        _rank = new double[n];
        Raise(Enumerable.Range(0, n), Math.Max(m.MaxPerWave, m.FirstWave ?? 0), m);
        foreach (var g in m.WaveLimits([]))
        {
            var weighted = g.Weights.Where(p => p.Value > 0).ToList();
            if (weighted.Count == 0) continue;
            Raise(weighted.Select(p => p.Key), Math.Max(1, g.Tolerated / weighted.Min(p => p.Value)), m);
        }
    }

    /// <summary>The least any plan of the stage takes (its canary's soak included).</summary>
    public double Seconds => AtLeast(0);

    /// <summary>The least any plan of at least <paramref name="waves"/> waves takes.</summary>
    public double AtLeast(int waves)
    {
        var n = _longestFirst.Length;
        if (n == 0) return 0;
        var best = double.PositiveInfinity;
        for (var k = Math.Max(waves, _fewestWaves); k <= n; k++) best = Math.Min(best, Exactly(k));
        return best + _soak;
    }

    private double Exactly(int waves)
    {
        var n = _longestFirst.Length;
        var sum = 0.0;
        for (var j = 0; j < waves; j++) sum += Math.Max(_rank[j], _longestFirst[n - waves + j]);
        return sum;
    }

    /// <summary>Hosts of which a wave holds at most <paramref name="perWave"/>: the wave of rank j lasts at least their
    /// (j·perWave + 1)-th longest visit.</summary>
    private void Raise(IEnumerable<int> hosts, int perWave, StageModel m)
    {
        var seconds = hosts.Select(i => m.Seconds[i]).OrderDescending().ToList();
        for (var j = 0; j * perWave < seconds.Count && j < _rank.Length; j++)
        {
            _rank[j] = Math.Max(_rank[j], seconds[j * perWave]);
        }
    }
}
