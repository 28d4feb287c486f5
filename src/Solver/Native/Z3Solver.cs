namespace Escalator.Solver.Native;

/// <summary>A reference-counted Z3_solver of a <see cref="Z3Context"/>; dispose it (or the context) to release it.</summary>
internal sealed unsafe class Z3Solver : Z3RefCounted
{
    /// <summary>Takes a reference on a solver Z3 just created.</summary>
    internal Z3Solver(Z3Context context, nint handle)
        : base(context, handle, &NativeMethods.Z3_solver_inc_ref, &NativeMethods.Z3_solver_dec_ref, "Z3_solver_inc_ref")
    {
    }

    /// <summary>Makes later checks give up with Unknown after <paramref name="timeout"/> (infinite allowed).</summary>
    public void SetTimeout(TimeSpan timeout) =>
        Z3Timeout.Apply(Context, timeout, Handle, &NativeMethods.Z3_solver_set_params, "Z3_solver_set_params");

    /// <summary>Adds a hard assertion.</summary>
    public void Assert(BoolExpr e)
    {
        NativeMethods.Z3_solver_assert(Context.Handle, Handle, AstHandles.Ast(e.Handle));
        Context.Check("Z3_solver_assert");
    }

    /// <summary>Adds an assertion that shows up in unsat cores as <paramref name="label"/> (a fresh Bool constant).</summary>
    public void AssertAndTrack(BoolExpr e, BoolExpr label)
    {
        NativeMethods.Z3_solver_assert_and_track(Context.Handle, Handle, AstHandles.Ast(e.Handle), AstHandles.Ast(label.Handle));
        Context.Check("Z3_solver_assert_and_track");
    }

    /// <summary>Opens a backtracking scope.</summary>
    public void Push()
    {
        NativeMethods.Z3_solver_push(Context.Handle, Handle);
        Context.Check("Z3_solver_push");
    }

    /// <summary>Drops the assertions of the last <paramref name="levels"/> scopes.</summary>
    public void Pop(int levels = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(levels);
        NativeMethods.Z3_solver_pop(Context.Handle, Handle, (uint)levels);
        Context.Check("Z3_solver_pop");
    }

    /// <summary>Checks the assertions.</summary>
    public SolveResult Check() =>
        (SolveResult)Context.Check(NativeMethods.Z3_solver_check(Context.Handle, Handle), "Z3_solver_check");

    /// <summary>Checks the assertions with the <paramref name="assumptions"/> (Bool constants or their negations) held true.</summary>
    public SolveResult Check(ReadOnlySpan<BoolExpr> assumptions)
    {
        var ctx = Context.Handle;
        var solver = Handle;
        var handles = AstHandles.Of(assumptions);
        AstHandles.Check(handles);
        fixed (nint* args = handles)
        {
            var result = NativeMethods.Z3_solver_check_assumptions(ctx, solver, (uint)handles.Length, args);
            return (SolveResult)Context.Check(result, "Z3_solver_check_assumptions");
        }
    }

    /// <summary>After Unsat: the tracking labels and assumptions that together are already unsatisfiable.</summary>
    public IReadOnlyList<BoolExpr> UnsatCore()
    {
        var ctx = Context.Handle;
        var vector = Context.Check(NativeMethods.Z3_solver_get_unsat_core(ctx, Handle), "Z3_solver_get_unsat_core");
        NativeMethods.Z3_ast_vector_inc_ref(ctx, vector);
        Context.Check("Z3_ast_vector_inc_ref");
        BoolExpr[] core;
        try
        {
            // The elements are labels and assumptions the caller built, so they stay alive in the context's AST trail
            // after the vector goes; Z3_ast_vector_get does not add them to it.
            var size = Context.Check(NativeMethods.Z3_ast_vector_size(ctx, vector), "Z3_ast_vector_size");
            core = new BoolExpr[size];
            for (var i = 0u; i < size; i++)
            {
                core[i] = new(Context.Check(NativeMethods.Z3_ast_vector_get(ctx, vector, i), "Z3_ast_vector_get"));
            }
        }
        catch
        {
            NativeMethods.Z3_ast_vector_dec_ref(ctx, vector);
            throw;
        }

        NativeMethods.Z3_ast_vector_dec_ref(ctx, vector);
        Context.Check("Z3_ast_vector_dec_ref");
        return core;
    }

    /// <summary>After Sat (or Unknown, if Z3 kept one): the model, owned by the caller.</summary>
    public Z3Model Model() =>
        new(Context, Context.Check(NativeMethods.Z3_solver_get_model(Context.Handle, Handle), "Z3_solver_get_model"));

    /// <summary>Why the last check returned Unknown, e.g. "timeout" or "canceled".</summary>
    public string ReasonUnknown() =>
        Context.CheckString(NativeMethods.Z3_solver_get_reason_unknown(Context.Handle, Handle), "Z3_solver_get_reason_unknown");

    /// <summary>The assertions as an SMT-LIB script.</summary>
    public string ToSmtLib() =>
        Context.CheckString(NativeMethods.Z3_solver_to_string(Context.Handle, Handle), "Z3_solver_to_string");
}
