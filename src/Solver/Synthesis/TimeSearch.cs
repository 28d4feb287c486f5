using System.Diagnostics;
using Escalator.Solver.Formulas;
using Escalator.Solver.Native;

namespace Escalator.Solver.Synthesis;

/// <summary>Z3's part of a stage's synthesis: one solver holding every plan of up to <c>waves</c> waves, asked again
/// and again for a plan faster than the best known, under a bound carried by an assumption, until it proves none is.</summary>
/// <remarks>The bounds are tried from the proved lower bound up (a plan at the bound ends the search at once), then by
/// bisection between what is proved impossible and the best plan found; each answer narrows the interval and the solver
/// keeps what it learnt between checks. Every check has what is left of the budget.</remarks>
internal sealed class TimeSearch : IDisposable
{
    private readonly Z3Context _z3 = new();
    private readonly Z3Solver _solver;
    private readonly Z3Translator _translate;
    private readonly WaveEncoding _encoding;
    private readonly List<(Formula Term, int Coefficient)> _cost;
    private readonly StageModel _m;
    private readonly int _waves;

    public TimeSearch(StageModel m, int waves, IReadOnlyList<Group> cuts)
    {
        _m = m;
        _waves = waves;
        _solver = _z3.Solver();
        _translate = new Z3Translator(_z3);
        _encoding = new WaveEncoding(m, waves);
        foreach (var c in _encoding.Constraints(cuts)) _solver.Assert(_translate.Translate(c));
        var (definitions, cost) = _encoding.Cost();
        foreach (var d in definitions) _solver.Assert(_translate.Translate(d));
        _cost = cost;
    }

    /// <summary>Whether the plan's cost in milliseconds fits in an int, as Z3's pseudo-Boolean bounds need.</summary>
    public static bool Fits(StageModel m, int waves) =>
        m.Seconds.Count == 0 || (double)WaveEncoding.Millis(m.Seconds.Max()) * waves < int.MaxValue / 2;

    /// <summary>Some plan of up to the encoding's waves, ignoring time; null when there is none or none was found in time.</summary>
    public List<List<int>>? Any(TimeSpan budget, out bool decided)
    {
        _solver.SetTimeout(Positive(budget));
        var result = _solver.Check();
        decided = result != SolveResult.Unknown;
        return result == SolveResult.Sat ? Read() : null;
    }

    /// <summary>Narrows [<paramref name="lowerMillis"/>, cost of <paramref name="best"/>] until no faster plan is left
    /// or the budget runs out. Returns the best plan and the least cost (ms) proved for plans of up to the waves.</summary>
    public (List<List<int>> Best, long ProvedMillis) Minimise(List<List<int>> best, long lowerMillis, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var high = Millis(best);
        var low = Math.Min(lowerMillis, high);
        var first = true;
        while (low < high)
        {
            var left = budget - clock.Elapsed;
            if (left <= TimeSpan.Zero) break;
            // First the lower bound itself: on most data centres a plan meets it, and then one check ends the search.
            var probe = first ? low : low + ((high - low) / 2);
            first = false;
            var guard = _z3.Bool($"cost<={probe}");
            var within = _translate.Translate(Formula.AtMost([.. _cost], (int)probe));
            _solver.Assert(_z3.Implies(guard, within));
            _solver.SetTimeout(left);
            var result = _solver.Check([guard]);
            if (result == SolveResult.Unknown) break;
            if (result == SolveResult.Sat)
            {
                best = Read();
                high = Millis(best);
            }
            else
            {
                // Proved: every plan takes longer. Kept as a fact, it prunes the checks that follow.
                low = probe + 1;
                _solver.Assert(_z3.Not(within));
            }
        }
        return (best, Math.Min(low, high));
    }

    /// <summary>A plan's cost as the encoding counts it: each wave's longest visit in whole milliseconds.</summary>
    private long Millis(List<List<int>> waves) =>
        waves.Sum(w => w.Count == 0 ? 0 : w.Max(i => WaveEncoding.Millis(_m.Seconds[i])));

    private List<List<int>> Read()
    {
        using var model = _solver.Model();
        var waves = Enumerable.Range(0, _waves).Select(_ => new List<int>()).ToList();
        for (var i = 0; i < _m.Hosts.Count; i++)
        {
            for (var w = 0; w < _waves; w++)
            {
                if (_encoding.In(i, w) is Variable v && model.Value(_translate.Variable(v.Name))) waves[w].Add(i);
            }
        }
        return waves;
    }

    private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.FromMilliseconds(1) ? t : TimeSpan.FromMilliseconds(1);

    public void Dispose()
    {
        _solver.Dispose();
        _z3.Dispose();
    }
}
