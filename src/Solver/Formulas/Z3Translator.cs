using Escalator.Solver.Native;

namespace Escalator.Solver.Formulas;

/// <summary>Turns formulas into libz3 terms in one context, one constant per variable name.</summary>
internal sealed class Z3Translator(Z3Context z3)
{
    private readonly Dictionary<string, BoolExpr> _variables = new(StringComparer.Ordinal);

    public int Variables => _variables.Count;

    /// <summary>The constant of a variable, made on first use.</summary>
    public BoolExpr Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var v))
        {
            v = z3.Bool(name);
            _variables[name] = v;
        }
        return v;
    }

    public BoolExpr Translate(Formula f) => f switch
    {
        Constant c => c.Value ? z3.True : z3.False,
        Variable v => Variable(v.Name),
        Negation n => z3.Not(Translate(n.Operand)),
        Junctor j => Junction(j),
        PseudoBoolean p => Pb(p),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f.GetType().Name, "not a formula this translator knows"),
    };

    private BoolExpr Junction(Junctor j)
    {
        var terms = new BoolExpr[j.Terms.Length];
        for (var i = 0; i < terms.Length; i++) terms[i] = Translate(j.Terms[i]);
        return j.IsAnd ? z3.And(terms) : z3.Or(terms);
    }

    private BoolExpr Pb(PseudoBoolean p)
    {
        var terms = new BoolExpr[p.Terms.Length];
        var coefficients = new int[p.Terms.Length];
        var unit = true;
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = Translate(p.Terms[i].Term);
            coefficients[i] = p.Terms[i].Coefficient;
            unit &= coefficients[i] == 1;
        }
        if (unit) return p.IsAtLeast ? z3.AtLeast(terms, p.Bound) : z3.AtMost(terms, p.Bound);
        return p.IsAtLeast ? z3.PbGe(terms, coefficients, p.Bound) : z3.PbLe(terms, coefficients, p.Bound);
    }
}
