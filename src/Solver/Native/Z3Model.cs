namespace Escalator.Solver.Native;

/// <summary>A reference-counted Z3_model of a <see cref="Z3Context"/>; dispose it (or the context) to release it.</summary>
internal sealed unsafe class Z3Model : Z3RefCounted
{
    /// <summary>Takes a reference on a model Z3 just returned.</summary>
    internal Z3Model(Z3Context context, nint handle)
        : base(context, handle, &NativeMethods.Z3_model_inc_ref, &NativeMethods.Z3_model_dec_ref, "Z3_model_inc_ref")
    {
    }

    /// <summary>The value of <paramref name="e"/>; constants the model leaves free get a default (completion).</summary>
    public bool Value(BoolExpr e)
    {
        var value = Evaluate(AstHandles.Ast(e.Handle));
        var lbool = Context.Check(NativeMethods.Z3_get_bool_value(Context.Handle, value), "Z3_get_bool_value");
        return lbool switch
        {
            1 => true,
            -1 => false,
            _ => throw new Z3Exception("Z3_get_bool_value", $"neither true nor false in the model: {Context.AstToString(value)}"),
        };
    }

    /// <summary>The value of <paramref name="e"/>; constants the model leaves free get a default (completion).</summary>
    public long Value(IntExpr e)
    {
        var value = Evaluate(AstHandles.Ast(e.Handle));
        var isNumeral = NativeMethods.Z3_get_numeral_int64(Context.Handle, value, out var number);
        Context.Check("Z3_get_numeral_int64");
        return isNumeral
            ? number
            : throw new Z3Exception("Z3_get_numeral_int64", $"not an int64 numeral: {Context.AstToString(value)}");
    }

    private nint Evaluate(nint ast)
    {
        var ok = NativeMethods.Z3_model_eval(Context.Handle, Handle, ast, true, out var value);
        Context.Check("Z3_model_eval");
        return ok ? value : throw new Z3Exception("Z3_model_eval", $"cannot evaluate {Context.AstToString(ast)}");
    }
}
