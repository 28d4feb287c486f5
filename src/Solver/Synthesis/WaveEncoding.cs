using Escalator.Solver.Formulas;

namespace Escalator.Solver.Synthesis;

/// <summary>The constraints of a stage in at most <c>waves</c> waves over Booleans <c>x.i.w</c> ("host i is out in wave
/// w"), and what such a plan takes.</summary>
/// <remarks>Each host in exactly one wave; per wave its size and every limit of <see cref="StageModel.WaveLimits"/>
/// (learnt cuts included). A wave may stay empty, so one encoding holds every plan of up to <c>waves</c> waves.
/// Waves other than a canary are interchangeable: number them by their longest visit (the host first in
/// <see cref="GreedyWaves.Order"/>), and the host of rank r is in one of the first r + 1 of them. This removes the
/// symmetric solutions without losing any plan up to renumbering, and it bounds each wave's length by its first
/// possible host.</remarks>
internal sealed class WaveEncoding
{
    private readonly StageModel _m;
    private readonly int _waves;
    private readonly int[] _rank;
    private readonly int[] _byRank;

    public WaveEncoding(StageModel m, int waves)
    {
        _m = m;
        _waves = waves;
        _byRank = [.. GreedyWaves.Order(m)];
        _rank = new int[_byRank.Length];
        for (var r = 0; r < _byRank.Length; r++) _rank[_byRank[r]] = r;
    }

    public static string X(int host, int wave) => $"x.{host}.{wave}";

    private int Canary => _m.FirstWave is null ? 0 : 1;

    /// <summary>Host <paramref name="i"/> in wave <paramref name="w"/>, or false where symmetry breaking rules it out.</summary>
    public Formula In(int i, int w) => w >= Canary && w - Canary > _rank[i] ? Formula.False : Formula.Var(X(i, w));

    public IEnumerable<string> Names() =>
        Enumerable.Range(0, _m.Hosts.Count).SelectMany(i => Enumerable.Range(0, _waves).Select(w => X(i, w)));

    public List<Formula> Constraints(IReadOnlyList<Group> cuts)
    {
        var n = _m.Hosts.Count;
        var all = new List<Formula>();
        for (var i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, _waves).Select(w => In(i, w)).ToList();
            all.Add(Formula.AtLeast(row, 1));
            all.Add(Formula.AtMost(row, 1));
        }
        var limits = _m.WaveLimits(cuts).ToList();
        for (var w = 0; w < _waves; w++)
        {
            var wave = w;
            var column = Enumerable.Range(0, n).Select(i => In(i, wave)).ToList();
            all.Add(Formula.AtMost(column, _m.Capacity(w)));
            if (w == 0 && _m.FirstWave is { } first) all.Add(Formula.AtLeast(column, first));
            foreach (var g in limits)
            {
                all.Add(Formula.AtMost([.. g.Weights.Select(p => (In(p.Key, wave), p.Value))], g.Tolerated));
            }
        }
        return all;
    }

    /// <summary>What a plan takes, in milliseconds (each visit rounded down): wave w lasts at least level l
    /// (<c>y.w.l</c>) when a host of that level is in it, and the plan takes the sum of the steps between the levels
    /// each wave reaches. Returns the defining implications and the cost's terms.</summary>
    public (List<Formula> Definitions, List<(Formula Term, int Coefficient)> Cost) Cost()
    {
        var levels = _m.Seconds.Select(Millis).Distinct().OrderDescending().ToList();
        var level = levels.Select((v, l) => (v, l)).ToDictionary(p => p.v, p => p.l);
        var definitions = new List<Formula>();
        var cost = new List<(Formula, int)>();
        for (var w = 0; w < _waves; w++)
        {
            // The wave's longest visit is at most that of the first host it may hold.
            var top = w < Canary || _byRank.Length == 0 ? 0 : level[Millis(_m.Seconds[_byRank[Math.Min(w - Canary, _byRank.Length - 1)]])];
            for (var l = top; l < levels.Count; l++)
            {
                var y = Formula.Var($"y.{w}.{l}");
                if (l + 1 < levels.Count) definitions.Add(Formula.Implies(y, Formula.Var($"y.{w}.{l + 1}")));
                cost.Add((y, (int)(levels[l] - (l + 1 < levels.Count ? levels[l + 1] : 0))));
            }
            for (var i = 0; i < _m.Hosts.Count; i++)
            {
                var x = In(i, w);
                if (x != Formula.False) definitions.Add(Formula.Implies(x, Formula.Var($"y.{w}.{level[Millis(_m.Seconds[i])]}")));
            }
        }
        return (definitions, cost);
    }

    public static long Millis(double seconds) => (long)Math.Floor(seconds * 1000);
}
