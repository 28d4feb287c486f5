using Escalator.Solver.Formulas;

namespace Escalator.Solver.Synthesis;

/// <summary>The constraints of a stage in exactly <c>waves</c> waves over Booleans <c>x.i.w</c> ("host i is out in wave w").</summary>
/// <remarks>Each host in exactly one wave; per wave the stage's limits, every group's tolerance and the room for
/// evacuees; learnt cuts (groups of hosts that may not share a wave beyond a count). Waves are interchangeable unless
/// the first is a canary, so host k may only use waves 0..k: this removes the symmetric solutions without losing any
/// plan up to renumbering.</remarks>
internal static class WaveEncoding
{
    public static string X(int host, int wave) => $"x.{host}.{wave}";

    public static List<Formula> Build(StageModel m, int waves, IReadOnlyList<Group> cuts)
    {
        var n = m.Hosts.Count;
        var all = new List<Formula>();
        var symmetric = m.FirstWave is null;
        Formula V(int i, int w) => symmetric && w > i ? Formula.False : Formula.Var(X(i, w));
        for (var i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, waves).Select(w => V(i, w)).ToList();
            all.Add(Formula.AtLeast(row, 1));
            all.Add(Formula.AtMost(row, 1));
        }
        for (var w = 0; w < waves; w++)
        {
            var wave = w;
            var column = Enumerable.Range(0, n).Select(i => V(i, wave)).ToList();
            if (m.FirstWave is { } first && w == 0)
            {
                all.Add(Formula.AtMost(column, first));
                all.Add(Formula.AtLeast(column, first));
            }
            else
            {
                all.Add(Formula.AtMost(column, m.MaxPerWave));
            }
            foreach (var (limit, domain) in m.DomainLimits())
            {
                foreach (var g in Enumerable.Range(0, n).GroupBy(i => domain(m.Hosts[i])))
                {
                    all.Add(Formula.AtMost(g.Select(i => V(i, wave)), limit));
                }
            }
            foreach (var g in m.Groups.Concat(cuts))
            {
                all.Add(Formula.AtMost([.. g.Weights.Select(p => (V(p.Key, wave), p.Value))], g.Tolerated));
            }
            foreach (var room in m.Rooms.Where(r => r.Needs.Values.Any(x => x > 0)))
            {
                // Evacuees of the wave fit in what the site's other hosts have free: Σ (need + free)·x ≤ total free.
                var terms = room.Needs.Keys.Select(i => (V(i, wave), Gib(room.Needs[i]) + Gib(room.Free[i]))).ToList();
                all.Add(Formula.AtMost([.. terms], (int)Math.Min(int.MaxValue / 2, room.TotalFree / 1024)));
            }
        }
        return all;
    }

    private static int Gib(long mib) => (int)((mib + 1023) / 1024);
}
