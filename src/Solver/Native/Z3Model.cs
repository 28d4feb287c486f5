namespace Escalator.Solver.Native;

/// <summary>A reference-counted Z3_model of a <see cref="Z3Context"/>; dispose it (or the context) to release it.</summary>
internal sealed class Z3Model : IDisposable
{
    private readonly Z3Context _context;
    private nint _handle;

    /// <summary>Takes a reference on a model Z3 just returned.</summary>
    internal Z3Model(Z3Context context, nint handle)
    {
        NativeMethods.Z3_model_inc_ref(context.Handle, handle);
        context.Check("Z3_model_inc_ref");
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

    /// <summary>The value of <paramref name="e"/>; constants the model leaves free get a default (completion).</summary>
    public bool Value(BoolExpr e)
    {
        var value = Evaluate(AstHandles.Ast(e.Handle));
        var lbool = _context.Check(NativeMethods.Z3_get_bool_value(_context.Handle, value), "Z3_get_bool_value");
        return lbool switch
        {
            1 => true,
            -1 => false,
            _ => throw new Z3Exception("Z3_get_bool_value", $"neither true nor false in the model: {_context.AstToString(value)}"),
        };
    }

    /// <summary>The value of <paramref name="e"/>; constants the model leaves free get a default (completion).</summary>
    public long Value(IntExpr e)
    {
        var value = Evaluate(AstHandles.Ast(e.Handle));
        var isNumeral = NativeMethods.Z3_get_numeral_int64(_context.Handle, value, out var number);
        _context.Check("Z3_get_numeral_int64");
        return isNumeral
            ? number
            : throw new Z3Exception("Z3_get_numeral_int64", $"not an int64 numeral: {_context.AstToString(value)}");
    }

    /// <summary>Drops the reference; idempotent and never throws.</summary>
    public void Dispose()
    {
        if (_handle == 0)
        {
            return;
        }

        // Once the context is deleted the model went with it; a dec_ref would touch freed memory.
        if (!_context.IsDisposed)
        {
            NativeMethods.Z3_model_dec_ref(_context.Handle, _handle);
            _context.Disown(this);
        }

        _handle = 0;
    }

    private nint Evaluate(nint ast)
    {
        var ok = NativeMethods.Z3_model_eval(_context.Handle, Handle, ast, true, out var value);
        _context.Check("Z3_model_eval");
        return ok ? value : throw new Z3Exception("Z3_model_eval", $"cannot evaluate {_context.AstToString(ast)}");
    }
}
