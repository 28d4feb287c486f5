namespace Escalator.Solver.Native;

/// <summary>A reference-counted Z3 object of a <see cref="Z3Context"/> (solver, optimizer, model): takes a reference when
/// made, drops it on <see cref="Dispose"/> (or with the context), and refuses use after that.</summary>
internal abstract unsafe class Z3RefCounted : IDisposable
{
    private readonly delegate*<nint, nint, void> _decRef;
    private nint _handle;

    /// <summary>Takes a reference on an object Z3 just made or returned.</summary>
    protected Z3RefCounted(Z3Context context, nint handle, delegate*<nint, nint, void> incRef, delegate*<nint, nint, void> decRef, string incRefCall)
    {
        incRef(context.Handle, handle);
        context.Check(incRefCall);
        Context = context;
        _handle = handle;
        _decRef = decRef;
        context.Own(this);
    }

    protected Z3Context Context { get; }

    protected nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            return _handle;
        }
    }

    /// <summary>Drops the reference; idempotent and never throws.</summary>
    public void Dispose()
    {
        if (_handle == 0)
        {
            return;
        }

        // Once the context is deleted the object went with it; a dec_ref would touch freed memory.
        if (!Context.IsDisposed)
        {
            _decRef(Context.Handle, _handle);
            Context.Disown(this);
        }

        _handle = 0;
    }
}
