namespace Escalator.Solver.Native;

/// <summary>A reference-counted Z3_optimize of a <see cref="Z3Context"/>; dispose it (or the context) to release it.</summary>
internal sealed unsafe class Z3Optimize : Z3RefCounted
{
    /// <summary>Takes a reference on an optimization context Z3 just created.</summary>
    internal Z3Optimize(Z3Context context, nint handle)
        : base(context, handle, &NativeMethods.Z3_optimize_inc_ref, &NativeMethods.Z3_optimize_dec_ref, "Z3_optimize_inc_ref")
    {
    }

    /// <summary>Makes later checks give up with Unknown after <paramref name="timeout"/> (infinite allowed).</summary>
    public void SetTimeout(TimeSpan timeout) =>
        Z3Timeout.Apply(Context, timeout, Handle, &NativeMethods.Z3_optimize_set_params, "Z3_optimize_set_params");

    /// <summary>Adds a hard constraint.</summary>
    public void Assert(BoolExpr e)
    {
        NativeMethods.Z3_optimize_assert(Context.Handle, Handle, AstHandles.Ast(e.Handle));
        Context.Check("Z3_optimize_assert");
    }

    /// <summary>Adds an objective to minimize; several are optimized lexicographically in the order added.</summary>
    public void Minimize(IntExpr objective)
    {
        // The returned objective index only matters for Z3_optimize_get_lower/upper, which are not bound.
        _ = NativeMethods.Z3_optimize_minimize(Context.Handle, Handle, AstHandles.Ast(objective.Handle));
        Context.Check("Z3_optimize_minimize");
    }

    /// <summary>Opens a backtracking scope.</summary>
    public void Push()
    {
        NativeMethods.Z3_optimize_push(Context.Handle, Handle);
        Context.Check("Z3_optimize_push");
    }

    /// <summary>Drops the constraints and objectives of the last scope.</summary>
    public void Pop()
    {
        NativeMethods.Z3_optimize_pop(Context.Handle, Handle);
        Context.Check("Z3_optimize_pop");
    }

    /// <summary>Checks the constraints and optimizes the objectives.</summary>
    public SolveResult Check() =>
        (SolveResult)Context.Check(NativeMethods.Z3_optimize_check(Context.Handle, Handle, 0, null), "Z3_optimize_check");

    /// <summary>After Sat: an optimal model, owned by the caller.</summary>
    public Z3Model Model() =>
        new(Context, Context.Check(NativeMethods.Z3_optimize_get_model(Context.Handle, Handle), "Z3_optimize_get_model"));

    /// <summary>Why the last check returned Unknown.</summary>
    public string ReasonUnknown() =>
        Context.CheckString(NativeMethods.Z3_optimize_get_reason_unknown(Context.Handle, Handle), "Z3_optimize_get_reason_unknown");
}
