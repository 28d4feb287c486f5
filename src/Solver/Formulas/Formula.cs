using System.Collections.Immutable;

namespace Escalator.Solver.Formulas;

/// <summary>A Boolean formula over named Boolean variables: the small language every encoding is written in.</summary>
/// <remarks>One tree serves two readers: <see cref="Z3Translator"/> hands it to libz3, <see cref="Smt2Writer"/> prints it
/// as standard SMT-LIB 2 (pseudo-Boolean constraints as sums of <c>ite</c>), so that another solver can check it.</remarks>
internal abstract record Formula
{
    public static readonly Formula True = new Constant(true);
    public static readonly Formula False = new Constant(false);

    public static Formula Var(string name) => new Variable(name);

    public static Formula Not(Formula a) => a switch
    {
        Constant c => c.Value ? False : True,
        Negation n => n.Operand,
        _ => new Negation(a),
    };

    public static Formula And(IEnumerable<Formula> terms) => Junction(true, terms);

    public static Formula Or(IEnumerable<Formula> terms) => Junction(false, terms);

    public static Formula Implies(Formula a, Formula b) => Or([Not(a), b]);

    /// <summary>At most <paramref name="k"/> of <paramref name="terms"/> hold.</summary>
    public static Formula AtMost(IEnumerable<Formula> terms, int k) => AtMost([.. terms.Select(t => (t, 1))], k);

    /// <summary>Σ coefficient·[term] ≤ <paramref name="k"/>, with non-negative coefficients.</summary>
    public static Formula AtMost(ImmutableArray<(Formula Term, int Coefficient)> terms, int k)
    {
        var sum = terms.Where(t => t.Term != False && t.Coefficient != 0).ToList();
        var fixedPart = sum.Where(t => t.Term == True).Sum(t => (long)t.Coefficient);
        var free = sum.Where(t => t.Term != True).ToImmutableArray();
        var bound = k - fixedPart;
        if (bound < 0) return False;
        if (free.Sum(t => (long)t.Coefficient) <= bound) return True;
        return new PseudoBoolean(free, (int)bound, IsAtLeast: false);
    }

    /// <summary>At least <paramref name="k"/> of <paramref name="terms"/> hold.</summary>
    public static Formula AtLeast(IEnumerable<Formula> terms, int k)
    {
        var list = terms.Where(t => t != False).ToList();
        var bound = k - list.Count(t => t == True);
        var free = list.Where(t => t != True).Select(t => (t, 1)).ToImmutableArray();
        if (bound <= 0) return True;
        if (free.Length < bound) return False;
        return new PseudoBoolean(free, bound, IsAtLeast: true);
    }

    private static Formula Junction(bool and, IEnumerable<Formula> terms)
    {
        var unit = and ? True : False;
        var zero = and ? False : True;
        var list = new List<Formula>();
        foreach (var t in terms)
        {
            if (t == zero) return zero;
            if (t != unit) list.Add(t);
        }
        return list.Count switch
        {
            0 => unit,
            1 => list[0],
            _ => new Junctor(and, [.. list]),
        };
    }
}

internal sealed record Constant(bool Value) : Formula;

internal sealed record Variable(string Name) : Formula;

internal sealed record Negation(Formula Operand) : Formula;

/// <summary>A conjunction (<paramref name="IsAnd"/>) or disjunction of two or more terms.</summary>
internal sealed record Junctor(bool IsAnd, ImmutableArray<Formula> Terms) : Formula;

/// <summary>Σ coefficient·[term] ≤ bound, or ≥ bound when <paramref name="IsAtLeast"/>.</summary>
internal sealed record PseudoBoolean(ImmutableArray<(Formula Term, int Coefficient)> Terms, int Bound, bool IsAtLeast) : Formula;
