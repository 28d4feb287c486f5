namespace Escalator.Solver.Native;

/// <summary>A reference-counted Z3_optimize of a <see cref="Z3Context"/>; dispose it (or the context) to release it.</summary>
internal sealed unsafe class Z3Optimize : IDisposable
{
    private readonly Z3Context _context;
    private nint _handle;

    /// <summary>Takes a reference on an optimization context Z3 just created.</summary>
    internal Z3Optimize(Z3Context context, nint handle)
    {
        NativeMethods.Z3_optimize_inc_ref(context.Handle, handle);
        context.Check("Z3_optimize_inc_ref");
        _context = context;
        _handle = handle;
        context.Own(this);
    }

    private nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            return _handle;
        }
    }

    /// <summary>Makes later checks give up with Unknown after <paramref name="timeout"/> (infinite allowed).</summary>
    public void SetTimeout(TimeSpan timeout) =>
        Z3Timeout.Apply(_context, timeout, Handle, &NativeMethods.Z3_optimize_set_params, "Z3_optimize_set_params");

    /// <summary>Adds a hard constraint.</summary>
    public void Assert(BoolExpr e)
    {
        NativeMethods.Z3_optimize_assert(_context.Handle, Handle, AstHandles.Ast(e.Handle));
        _context.Check("Z3_optimize_assert");
    }

    /// <summary>Adds an objective to minimize; several are optimized lexicographically in the order added.</summary>
    public void Minimize(IntExpr objective)
    {
        // The returned objective index only matters for Z3_optimize_get_lower/upper, which are not bound.
        _ = NativeMethods.Z3_optimize_minimize(_context.Handle, Handle, AstHandles.Ast(objective.Handle));
        _context.Check("Z3_optimize_minimize");
    }

    /// <summary>Opens a backtracking scope.</summary>
    public void Push()
    {
        NativeMethods.Z3_optimize_push(_context.Handle, Handle);
        _context.Check("Z3_optimize_push");
    }

    /// <summary>Drops the constraints and objectives of the last scope.</summary>
    public void Pop()
    {
        NativeMethods.Z3_optimize_pop(_context.Handle, Handle);
        _context.Check("Z3_optimize_pop");
    }

    /// <summary>Checks the constraints and optimizes the objectives.</summary>
    public SolveResult Check() =>
        (SolveResult)_context.Check(NativeMethods.Z3_optimize_check(_context.Handle, Handle, 0, null), "Z3_optimize_check");

    /// <summary>After Sat: an optimal model, owned by the caller.</summary>
    public Z3Model Model() =>
        new(_context, _context.Check(NativeMethods.Z3_optimize_get_model(_context.Handle, Handle), "Z3_optimize_get_model"));

    /// <summary>Why the last check returned Unknown.</summary>
    public string ReasonUnknown() =>
        _context.CheckString(NativeMethods.Z3_optimize_get_reason_unknown(_context.Handle, Handle), "Z3_optimize_get_reason_unknown");

    /// <summary>Drops the reference; idempotent and never throws.</summary>
    public void Dispose()
    {
        if (_handle == 0)
        {
            return;
        }

        // Once the context is deleted the optimizer went with it; a dec_ref would touch freed memory.
        if (!_context.IsDisposed)
        {
            NativeMethods.Z3_optimize_dec_ref(_context.Handle, _handle);
            _context.Disown(this);
        }

        _handle = 0;
    }
}
