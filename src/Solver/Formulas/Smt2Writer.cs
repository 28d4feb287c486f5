using System.Globalization;
using System.Text;

namespace Escalator.Solver.Formulas;

/// <summary>Prints a <see cref="Problem"/> as a standard SMT-LIB 2 script (QF_LIA) that any solver reads: satisfiable
/// exactly when the plan is safe.</summary>
/// <remarks>Pseudo-Boolean constraints become sums of <c>ite</c> terms, since <c>(_ at-most k)</c> is Z3's own extension.
/// Checks are named after their label, so <c>(get-unsat-core)</c> names the invariant instances that fail.</remarks>
internal static class Smt2Writer
{
    public static string Write(Problem problem, string title)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = new StringBuilder();
        text.Append("; ").AppendLine(title.Replace('\n', ' '));
        text.AppendLine("; Satisfiable exactly when the plan keeps every invariant. Facts are read off the plan; each named assertion");
        text.AppendLine("; is one invariant instance, labelled CODE#N (see the README for the codes).");
        text.AppendLine("(set-option :produce-unsat-cores true)");
        text.AppendLine("(set-logic QF_LIA)");
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in problem.Facts.Concat(problem.Checks.Select(c => c.Constraint)))
        {
            Declare(f, declared, text);
        }
        foreach (var fact in problem.Facts)
        {
            text.Append("(assert ");
            Term(fact, text);
            text.AppendLine(")");
        }
        foreach (var check in problem.Checks)
        {
            text.Append("(assert (! ");
            Term(check.Constraint, text);
            text.Append(" :named ").Append(Symbol(check.Label)).AppendLine("))");
        }
        text.AppendLine("(check-sat)");
        return text.ToString();
    }

    /// <summary>An SMT-LIB symbol: quoted, since names carry dots and dashes.</summary>
    public static string Symbol(string name) => "|" + name.Replace('|', '_').Replace('\\', '_') + "|";

    private static void Declare(Formula f, HashSet<string> declared, StringBuilder text)
    {
        var stack = new Stack<Formula>();
        stack.Push(f);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case Variable v when declared.Add(v.Name):
                    text.Append("(declare-const ").Append(Symbol(v.Name)).AppendLine(" Bool)");
                    break;
                case Negation n:
                    stack.Push(n.Operand);
                    break;
                case Junctor j:
                    foreach (var t in j.Terms) stack.Push(t);
                    break;
                case PseudoBoolean p:
                    foreach (var (t, _) in p.Terms) stack.Push(t);
                    break;
            }
        }
    }

    private static void Term(Formula f, StringBuilder text)
    {
        switch (f)
        {
            case Constant c:
                text.Append(c.Value ? "true" : "false");
                break;
            case Variable v:
                text.Append(Symbol(v.Name));
                break;
            case Negation n:
                text.Append("(not ");
                Term(n.Operand, text);
                text.Append(')');
                break;
            case Junctor j:
                text.Append(j.IsAnd ? "(and" : "(or");
                foreach (var t in j.Terms)
                {
                    text.Append(' ');
                    Term(t, text);
                }
                text.Append(')');
                break;
            case PseudoBoolean p:
                text.Append(p.IsAtLeast ? "(>= (+ 0" : "(<= (+ 0");
                foreach (var (t, k) in p.Terms)
                {
                    text.Append(" (ite ");
                    Term(t, text);
                    text.Append(' ').Append(k.ToString(CultureInfo.InvariantCulture)).Append(" 0)");
                }
                text.Append(") ").Append(p.Bound.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(f), f.GetType().Name, "not a formula this writer knows");
        }
    }
}
