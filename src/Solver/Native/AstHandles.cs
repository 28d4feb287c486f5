using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Escalator.Solver.Native;

/// <summary>Turns typed expressions into the raw Z3_ast handles the C API takes, refusing null ones.</summary>
/// <remarks>
/// libz3 dereferences AST arguments without a null check (Z3_mk_not(ctx, NULL) is a SIGSEGV that takes the process
/// down), and default(BoolExpr) is an easy bug in an encoder, so a null handle becomes an exception first.
/// </remarks>
internal static class AstHandles
{
    /// <summary>Returns <paramref name="ast"/>, or throws if it is the null handle of a default expression.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static nint Ast(nint ast) => ast != 0 ? ast : throw NullAst();

    /// <summary>Throws if any handle is the null handle of a default expression.</summary>
    internal static void Check(ReadOnlySpan<nint> asts)
    {
        // Vectorized; negligible next to the hash-consing Z3 does for the same arguments.
        if (asts.Contains(0))
        {
            throw NullAst();
        }
    }

    /// <summary>The span as a Z3_ast array, reinterpreted in place (a BoolExpr is exactly one nint).</summary>
    internal static ReadOnlySpan<nint> Of(ReadOnlySpan<BoolExpr> terms) => MemoryMarshal.Cast<BoolExpr, nint>(terms);

    /// <summary>The span as a Z3_ast array, reinterpreted in place (an IntExpr is exactly one nint).</summary>
    internal static ReadOnlySpan<nint> Of(ReadOnlySpan<IntExpr> terms) => MemoryMarshal.Cast<IntExpr, nint>(terms);

    private static ArgumentException NullAst() =>
        new("A default BoolExpr/IntExpr (null Z3_ast) was passed; expressions must come from a Z3Context.");
}
