using Escalator.Solver.Native;

namespace Escalator.Solver.Tests.Native;

/// <summary>The pigeonhole principle in plain clauses: unsatisfiable, and exponentially hard for CDCL solvers.</summary>
/// <remarks>With 10 holes Z3 4.8.12 needs about 5 s, so a check under a short timeout reliably comes back Unknown.</remarks>
internal static class Pigeonhole
{
    /// <summary>Clauses placing <paramref name="holes"/> + 1 pigeons in <paramref name="holes"/> holes, one per hole.</summary>
    public static List<BoolExpr> Clauses(Z3Context ctx, int holes)
    {
        var clauses = new List<BoolExpr>();
        var inHole = new BoolExpr[holes + 1][];
        for (var pigeon = 0; pigeon <= holes; pigeon++)
        {
            inHole[pigeon] = new BoolExpr[holes];
            for (var hole = 0; hole < holes; hole++)
            {
                inHole[pigeon][hole] = ctx.Bool($"p{pigeon}h{hole}");
            }

            clauses.Add(ctx.Or(inHole[pigeon]));
        }

        // Pairwise clauses rather than AtMost: a cardinality constraint would let Z3 see the count argument at once.
        for (var hole = 0; hole < holes; hole++)
        {
            for (var first = 0; first <= holes; first++)
            {
                for (var second = first + 1; second <= holes; second++)
                {
                    clauses.Add(ctx.Or([ctx.Not(inHole[first][hole]), ctx.Not(inHole[second][hole])]));
                }
            }
        }

        return clauses;
    }
}
