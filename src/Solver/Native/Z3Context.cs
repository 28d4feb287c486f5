using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Escalator.Solver.Native;

/// <summary>A Z3 context (Z3_mk_context): owns every AST it builds until disposed; one thread at a time.</summary>
/// <remarks>
/// Expression spans are handed to Z3 in place: <see cref="BoolExpr"/> and <see cref="IntExpr"/> are a single
/// <see cref="nint"/>, so a pinned span of them is exactly the Z3_ast array the C API expects.
/// </remarks>
internal sealed unsafe class Z3Context : IDisposable
{
    // Solvers, optimizers and models not yet disposed; released before Z3_del_context frees what they point into.
    private readonly HashSet<IDisposable> _owned = [];
    private readonly nint _boolSort;
    private readonly nint _intSort;
    private readonly BoolExpr _true;
    private readonly BoolExpr _false;
    private nint _handle;

    /// <summary>Creates a context with model generation on and Z3's process-exiting error handler removed.</summary>
    public Z3Context()
    {
        var config = NativeMethods.Z3_mk_config();
        if (config == 0)
        {
            throw new Z3Exception("Z3_mk_config", "returned null");
        }

        try
        {
            NativeMethods.Z3_set_param_value(config, "model", "true");
            _handle = NativeMethods.Z3_mk_context(config);
        }
        finally
        {
            NativeMethods.Z3_del_config(config);
        }

        if (_handle == 0)
        {
            throw new Z3Exception("Z3_mk_context", "returned null");
        }

        // The default handler prints and calls exit(1); with none, Z3 only records the code we check after each call.
        NativeMethods.Z3_set_error_handler(_handle, 0);
        try
        {
            _boolSort = Check(NativeMethods.Z3_mk_bool_sort(_handle), "Z3_mk_bool_sort");
            _intSort = Check(NativeMethods.Z3_mk_int_sort(_handle), "Z3_mk_int_sort");
            _true = new(Check(NativeMethods.Z3_mk_true(_handle), "Z3_mk_true"));
            _false = new(Check(NativeMethods.Z3_mk_false(_handle), "Z3_mk_false"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The constant true.</summary>
    public BoolExpr True => Alive(_true);

    /// <summary>The constant false.</summary>
    public BoolExpr False => Alive(_false);

    /// <summary>The raw Z3_context; throws once disposed.</summary>
    internal nint Handle => Alive(_handle);

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    internal bool IsDisposed => _handle == 0;

    /// <summary>A Boolean constant; the same name gives the same constant.</summary>
    public BoolExpr Bool(string name) => new(Constant(name, _boolSort));

    /// <summary>An integer constant; the same name gives the same constant.</summary>
    public IntExpr Int(string name) => new(Constant(name, _intSort));

    /// <summary>An integer numeral.</summary>
    public IntExpr Int(long value) => new(Check(NativeMethods.Z3_mk_int64(Handle, value, _intSort), "Z3_mk_int64"));

    /// <summary>Negation.</summary>
    public BoolExpr Not(BoolExpr a) => new(Check(NativeMethods.Z3_mk_not(Handle, AstHandles.Ast(a.Handle)), "Z3_mk_not"));

    /// <summary>Conjunction; empty is true.</summary>
    public BoolExpr And(ReadOnlySpan<BoolExpr> terms) =>
        terms.IsEmpty ? True : new(Nary(AstHandles.Of(terms), &NativeMethods.Z3_mk_and, "Z3_mk_and"));

    /// <summary>Disjunction; empty is false.</summary>
    public BoolExpr Or(ReadOnlySpan<BoolExpr> terms) =>
        terms.IsEmpty ? False : new(Nary(AstHandles.Of(terms), &NativeMethods.Z3_mk_or, "Z3_mk_or"));

    /// <summary>Implication a → b.</summary>
    public BoolExpr Implies(BoolExpr a, BoolExpr b) => new(Binary(a.Handle, b.Handle, &NativeMethods.Z3_mk_implies, "Z3_mk_implies"));

    /// <summary>Equivalence a ↔ b.</summary>
    public BoolExpr Iff(BoolExpr a, BoolExpr b) => new(Binary(a.Handle, b.Handle, &NativeMethods.Z3_mk_iff, "Z3_mk_iff"));

    /// <summary>a = b.</summary>
    public BoolExpr Eq(IntExpr a, IntExpr b) => new(Binary(a.Handle, b.Handle, &NativeMethods.Z3_mk_eq, "Z3_mk_eq"));

    /// <summary>a ≤ b.</summary>
    public BoolExpr Le(IntExpr a, IntExpr b) => new(Binary(a.Handle, b.Handle, &NativeMethods.Z3_mk_le, "Z3_mk_le"));

    /// <summary>a ≥ b.</summary>
    public BoolExpr Ge(IntExpr a, IntExpr b) => new(Binary(a.Handle, b.Handle, &NativeMethods.Z3_mk_ge, "Z3_mk_ge"));

    /// <summary>a &lt; b.</summary>
    public BoolExpr Lt(IntExpr a, IntExpr b) => new(Binary(a.Handle, b.Handle, &NativeMethods.Z3_mk_lt, "Z3_mk_lt"));

    /// <summary>a &gt; b.</summary>
    public BoolExpr Gt(IntExpr a, IntExpr b) => new(Binary(a.Handle, b.Handle, &NativeMethods.Z3_mk_gt, "Z3_mk_gt"));

    /// <summary>Sum; empty is 0.</summary>
    public IntExpr Add(ReadOnlySpan<IntExpr> terms) =>
        terms.IsEmpty ? Int(0) : new(Nary(AstHandles.Of(terms), &NativeMethods.Z3_mk_add, "Z3_mk_add"));

    /// <summary>a − b.</summary>
    public IntExpr Sub(IntExpr a, IntExpr b) => new(Nary([a.Handle, b.Handle], &NativeMethods.Z3_mk_sub, "Z3_mk_sub"));

    /// <summary>coefficient · a (linear).</summary>
    public IntExpr Mul(long coefficient, IntExpr a) => new(Nary([Int(coefficient).Handle, a.Handle], &NativeMethods.Z3_mk_mul, "Z3_mk_mul"));

    /// <summary>If condition then <paramref name="then"/> else <paramref name="otherwise"/>.</summary>
    public IntExpr Ite(BoolExpr condition, IntExpr then, IntExpr otherwise) =>
        new(Check(NativeMethods.Z3_mk_ite(Handle, AstHandles.Ast(condition.Handle), AstHandles.Ast(then.Handle), AstHandles.Ast(otherwise.Handle)), "Z3_mk_ite"));

    // Z3 takes k unsigned, so a negative bound would wrap to "no bound"; logically it is unsatisfiable.

    /// <summary>At most k terms hold; empty (with k ≥ 0) is true, negative k is false.</summary>
    public BoolExpr AtMost(ReadOnlySpan<BoolExpr> terms, int k) =>
        k < 0 ? False : terms.IsEmpty ? True : new(Cardinality(AstHandles.Of(terms), k, &NativeMethods.Z3_mk_atmost, "Z3_mk_atmost"));

    /// <summary>At least k terms hold; k ≤ 0 is true, empty with k &gt; 0 is false.</summary>
    public BoolExpr AtLeast(ReadOnlySpan<BoolExpr> terms, int k) =>
        k <= 0 ? True : terms.IsEmpty ? False : new(Cardinality(AstHandles.Of(terms), k, &NativeMethods.Z3_mk_atleast, "Z3_mk_atleast"));

    /// <summary>Σ coefficients[i]·terms[i] ≤ k (a true term counts 1); empty means 0 ≤ k.</summary>
    public BoolExpr PbLe(ReadOnlySpan<BoolExpr> terms, ReadOnlySpan<int> coefficients, int k) =>
        PseudoBoolean(terms, coefficients, k, &NativeMethods.Z3_mk_pble, "Z3_mk_pble", 0 <= k);

    /// <summary>Σ coefficients[i]·terms[i] ≥ k; empty means 0 ≥ k.</summary>
    public BoolExpr PbGe(ReadOnlySpan<BoolExpr> terms, ReadOnlySpan<int> coefficients, int k) =>
        PseudoBoolean(terms, coefficients, k, &NativeMethods.Z3_mk_pbge, "Z3_mk_pbge", 0 >= k);

    /// <summary>Σ coefficients[i]·terms[i] = k; empty means 0 = k.</summary>
    public BoolExpr PbEq(ReadOnlySpan<BoolExpr> terms, ReadOnlySpan<int> coefficients, int k) =>
        PseudoBoolean(terms, coefficients, k, &NativeMethods.Z3_mk_pbeq, "Z3_mk_pbeq", k == 0);

    /// <summary>The expression in SMT-LIB syntax.</summary>
    public string ToSmtLib(BoolExpr e) => AstToString(AstHandles.Ast(e.Handle));

    /// <summary>A new solver, owned by the caller.</summary>
    public Z3Solver Solver() => new(this, Check(NativeMethods.Z3_mk_solver(Handle), "Z3_mk_solver"));

    /// <summary>A new optimization context, owned by the caller.</summary>
    public Z3Optimize Optimize() => new(this, Check(NativeMethods.Z3_mk_optimize(Handle), "Z3_mk_optimize"));

    /// <summary>Releases undisposed solvers and models, then deletes the context; idempotent.</summary>
    public void Dispose()
    {
        if (_handle == 0)
        {
            return;
        }

        foreach (var owned in _owned.ToArray())
        {
            owned.Dispose();
        }

        _owned.Clear();
        NativeMethods.Z3_del_context(_handle);
        _handle = 0;
    }

    /// <summary>Returns <paramref name="result"/> if the last Z3 call succeeded, else throws naming <paramref name="call"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T Check<T>(T result, string call)
    {
        var code = NativeMethods.Z3_get_error_code(_handle);
        return code == 0 ? result : throw Failure(code, call);
    }

    /// <summary>Throws naming <paramref name="call"/> if the last Z3 call failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Check(string call)
    {
        var code = NativeMethods.Z3_get_error_code(_handle);
        if (code != 0)
        {
            throw Failure(code, call);
        }
    }

    /// <summary>Copies a string Z3 returned into its reused buffer, then checks the call.</summary>
    internal string CheckString(nint utf8, string call)
    {
        var text = Marshal.PtrToStringUTF8(utf8);
        Check(call);
        return text ?? string.Empty;
    }

    /// <summary>Prints any AST of this context.</summary>
    internal string AstToString(nint ast) => CheckString(NativeMethods.Z3_ast_to_string(Handle, ast), "Z3_ast_to_string");

    /// <summary>Registers a ref-counted wrapper to release before the context goes.</summary>
    internal void Own(IDisposable owned) => _owned.Add(owned);

    /// <summary>Forgets a wrapper that released itself.</summary>
    internal void Disown(IDisposable owned) => _owned.Remove(owned);

    private T Alive<T>(T value)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        return value;
    }

    private nint Constant(string name, nint sort)
    {
        var ctx = Handle;
        var symbol = Check(NativeMethods.Z3_mk_string_symbol(ctx, name), "Z3_mk_string_symbol");
        return Check(NativeMethods.Z3_mk_const(ctx, symbol, sort), "Z3_mk_const");
    }

    private nint Binary(nint a, nint b, delegate*<nint, nint, nint, nint> make, string call) =>
        Check(make(Handle, AstHandles.Ast(a), AstHandles.Ast(b)), call);

    private nint Nary(ReadOnlySpan<nint> args, delegate*<nint, uint, nint*, nint> make, string call)
    {
        var ctx = Handle;
        AstHandles.Check(args);
        fixed (nint* p = args)
        {
            return Check(make(ctx, (uint)args.Length, p), call);
        }
    }

    private nint Cardinality(ReadOnlySpan<nint> args, int k, delegate*<nint, uint, nint*, uint, nint> make, string call)
    {
        var ctx = Handle;
        AstHandles.Check(args);
        fixed (nint* p = args)
        {
            return Check(make(ctx, (uint)args.Length, p, (uint)k), call);
        }
    }

    private BoolExpr PseudoBoolean(
        ReadOnlySpan<BoolExpr> terms,
        ReadOnlySpan<int> coefficients,
        int k,
        delegate*<nint, uint, nint*, int*, int, nint> make,
        string call,
        bool emptyValue)
    {
        var ctx = Handle;
        if (terms.Length != coefficients.Length)
        {
            throw new ArgumentException($"{terms.Length} terms but {coefficients.Length} coefficients.", nameof(coefficients));
        }

        if (terms.IsEmpty)
        {
            return emptyValue ? _true : _false;
        }

        var args = AstHandles.Of(terms);
        AstHandles.Check(args);
        fixed (nint* p = args)
        fixed (int* coeffs = coefficients)
        {
            return new(Check(make(ctx, (uint)args.Length, p, coeffs, k), call));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Z3Exception Failure(int code, string call)
    {
        var message = Marshal.PtrToStringUTF8(NativeMethods.Z3_get_error_msg(_handle, code));
        return new Z3Exception(call, $"{message} (Z3 error code {code})");
    }
}
