using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Escalator.Solver.Native;

/// <summary>Raw libz3 4.8.12 entry points (signatures from /usr/include/z3_api.h, z3_optimization.h, z3_ast_containers.h).</summary>
/// <remarks>
/// Every handle is an opaque <see cref="nint"/>; Z3_bool is a one-byte C bool; Z3_lbool and Z3_error_code are C ints.
/// Returned strings point into a buffer the context reuses on the next call, so callers copy them at once.
/// </remarks>
internal static unsafe partial class NativeMethods
{
    // The versioned soname ships in libz3-4; the bare libz3.so symlink only comes with libz3-dev.
    private const string Lib = "libz3.so.4";

    /// <summary>Creates a configuration object.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_config();

    /// <summary>Deletes a configuration object.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_del_config(nint cfg);

    /// <summary>Sets a configuration parameter.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Z3_set_param_value(nint cfg, string id, string value);

    /// <summary>Creates a context whose ASTs live until the context is deleted.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_context(nint cfg);

    /// <summary>Deletes a context and everything it owns.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_del_context(nint ctx);

    /// <summary>Replaces the error handler; null means only record the error code.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_set_error_handler(nint ctx, nint handler);

    // Called after every other call: a field read in Z3, so the GC transition would dominate its cost.
    /// <summary>Returns the error code of the last call.</summary>
    [LibraryImport(Lib), SuppressGCTransition] internal static partial int Z3_get_error_code(nint ctx);

    /// <summary>Returns the message for an error code.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_get_error_msg(nint ctx, int code);

    /// <summary>Returns the Boolean sort.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_bool_sort(nint ctx);

    /// <summary>Returns the integer sort.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_int_sort(nint ctx);

    /// <summary>Interns a string symbol.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint Z3_mk_string_symbol(nint ctx, string s);

    /// <summary>Creates a constant of a sort.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_const(nint ctx, nint symbol, nint sort);

    /// <summary>Creates a numeral of a sort.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_int64(nint ctx, long value, nint sort);

    /// <summary>Returns true.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_true(nint ctx);

    /// <summary>Returns false.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_false(nint ctx);

    /// <summary>Negation.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_not(nint ctx, nint a);

    /// <summary>N-ary conjunction.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_and(nint ctx, uint n, nint* args);

    /// <summary>N-ary disjunction.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_or(nint ctx, uint n, nint* args);

    /// <summary>Implication.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_implies(nint ctx, nint a, nint b);

    /// <summary>Equivalence.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_iff(nint ctx, nint a, nint b);

    /// <summary>Equality.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_eq(nint ctx, nint a, nint b);

    /// <summary>Less or equal.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_le(nint ctx, nint a, nint b);

    /// <summary>Greater or equal.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_ge(nint ctx, nint a, nint b);

    /// <summary>Less than.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_lt(nint ctx, nint a, nint b);

    /// <summary>Greater than.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_gt(nint ctx, nint a, nint b);

    /// <summary>N-ary sum.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_add(nint ctx, uint n, nint* args);

    /// <summary>N-ary difference.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_sub(nint ctx, uint n, nint* args);

    /// <summary>N-ary product.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_mul(nint ctx, uint n, nint* args);

    /// <summary>If-then-else.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_ite(nint ctx, nint c, nint t, nint e);

    /// <summary>At most k of the arguments hold.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_atmost(nint ctx, uint n, nint* args, uint k);

    /// <summary>At least k of the arguments hold.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_atleast(nint ctx, uint n, nint* args, uint k);

    /// <summary>Weighted sum at most k.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_pble(nint ctx, uint n, nint* args, int* coeffs, int k);

    /// <summary>Weighted sum at least k.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_pbge(nint ctx, uint n, nint* args, int* coeffs, int k);

    /// <summary>Weighted sum equal to k.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_pbeq(nint ctx, uint n, nint* args, int* coeffs, int k);

    /// <summary>Prints an AST (context-owned buffer).</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_ast_to_string(nint ctx, nint a);

    /// <summary>Creates a parameter set.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_params(nint ctx);

    /// <summary>Increments a parameter set's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_params_inc_ref(nint ctx, nint p);

    /// <summary>Decrements a parameter set's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_params_dec_ref(nint ctx, nint p);

    /// <summary>Sets an unsigned parameter.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_params_set_uint(nint ctx, nint p, nint key, uint value);

    /// <summary>Creates a solver.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_solver(nint ctx);

    /// <summary>Increments a solver's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_solver_inc_ref(nint ctx, nint s);

    /// <summary>Decrements a solver's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_solver_dec_ref(nint ctx, nint s);

    /// <summary>Applies a parameter set to a solver.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_solver_set_params(nint ctx, nint s, nint p);

    /// <summary>Asserts a formula.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_solver_assert(nint ctx, nint s, nint a);

    /// <summary>Asserts a formula tracked by a Boolean constant.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_solver_assert_and_track(nint ctx, nint s, nint a, nint p);

    /// <summary>Creates a backtracking point.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_solver_push(nint ctx, nint s);

    /// <summary>Backtracks n points.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_solver_pop(nint ctx, nint s, uint n);

    /// <summary>Checks satisfiability (Z3_lbool).</summary>
    [LibraryImport(Lib)] internal static partial int Z3_solver_check(nint ctx, nint s);

    /// <summary>Checks satisfiability under assumptions (Z3_lbool).</summary>
    [LibraryImport(Lib)] internal static partial int Z3_solver_check_assumptions(nint ctx, nint s, uint n, nint* assumptions);

    /// <summary>Returns the unsat core as an AST vector with reference count zero.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_solver_get_unsat_core(nint ctx, nint s);

    /// <summary>Returns the model of the last satisfiable check.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_solver_get_model(nint ctx, nint s);

    /// <summary>Explains an unknown result (context-owned buffer).</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_solver_get_reason_unknown(nint ctx, nint s);

    /// <summary>Prints the solver's assertions (context-owned buffer).</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_solver_to_string(nint ctx, nint s);

    /// <summary>Increments an AST vector's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_ast_vector_inc_ref(nint ctx, nint v);

    /// <summary>Decrements an AST vector's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_ast_vector_dec_ref(nint ctx, nint v);

    /// <summary>Returns an AST vector's length.</summary>
    [LibraryImport(Lib)] internal static partial uint Z3_ast_vector_size(nint ctx, nint v);

    /// <summary>Returns an AST vector's element.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_ast_vector_get(nint ctx, nint v, uint i);

    /// <summary>Increments a model's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_model_inc_ref(nint ctx, nint m);

    /// <summary>Decrements a model's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_model_dec_ref(nint ctx, nint m);

    /// <summary>Evaluates an AST in a model.</summary>
    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool Z3_model_eval(nint ctx, nint m, nint a, [MarshalAs(UnmanagedType.U1)] bool completion, out nint result);

    /// <summary>Returns the Z3_lbool value of a Boolean AST.</summary>
    [LibraryImport(Lib)] internal static partial int Z3_get_bool_value(nint ctx, nint a);

    /// <summary>Reads a numeral that fits an int64.</summary>
    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool Z3_get_numeral_int64(nint ctx, nint a, out long value);

    /// <summary>Creates an optimization context.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_mk_optimize(nint ctx);

    /// <summary>Increments an optimization context's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_optimize_inc_ref(nint ctx, nint o);

    /// <summary>Decrements an optimization context's reference count.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_optimize_dec_ref(nint ctx, nint o);

    /// <summary>Applies a parameter set to an optimization context.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_optimize_set_params(nint ctx, nint o, nint p);

    /// <summary>Asserts a hard constraint.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_optimize_assert(nint ctx, nint o, nint a);

    /// <summary>Adds a minimization objective and returns its index.</summary>
    [LibraryImport(Lib)] internal static partial uint Z3_optimize_minimize(nint ctx, nint o, nint t);

    /// <summary>Creates a backtracking point.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_optimize_push(nint ctx, nint o);

    /// <summary>Backtracks one point.</summary>
    [LibraryImport(Lib)] internal static partial void Z3_optimize_pop(nint ctx, nint o);

    /// <summary>Checks and optimizes (Z3_lbool).</summary>
    [LibraryImport(Lib)] internal static partial int Z3_optimize_check(nint ctx, nint o, uint n, nint* assumptions);

    /// <summary>Returns the model of the last check.</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_optimize_get_model(nint ctx, nint o);

    /// <summary>Explains an unknown result (context-owned buffer).</summary>
    [LibraryImport(Lib)] internal static partial nint Z3_optimize_get_reason_unknown(nint ctx, nint o);
}
