namespace Escalator.Solver.Native;

/// <summary>Sets the "timeout" parameter of a solver or optimizer through a short-lived Z3_params set.</summary>
internal static unsafe class Z3Timeout
{
    /// <summary>Builds {timeout: ms}, hands it to <paramref name="setParams"/> for <paramref name="target"/>, and releases it.</summary>
    internal static void Apply(
        Z3Context context,
        TimeSpan timeout,
        nint target,
        delegate*<nint, nint, nint, void> setParams,
        string call)
    {
        var ctx = context.Handle;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        }

        // Z3 reads both UINT_MAX (its default) and 0 as "no timeout", so a zero timeout becomes 1 ms.
        var milliseconds = timeout == Timeout.InfiniteTimeSpan
            ? uint.MaxValue
            : (uint)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, uint.MaxValue - 1);
        var parameters = context.Check(NativeMethods.Z3_mk_params(ctx), "Z3_mk_params");
        NativeMethods.Z3_params_inc_ref(ctx, parameters);
        context.Check("Z3_params_inc_ref");
        try
        {
            var key = context.Check(NativeMethods.Z3_mk_string_symbol(ctx, "timeout"), "Z3_mk_string_symbol");
            NativeMethods.Z3_params_set_uint(ctx, parameters, key, milliseconds);
            context.Check("Z3_params_set_uint");
            setParams(ctx, target, parameters);
            context.Check(call);
        }
        catch
        {
            NativeMethods.Z3_params_dec_ref(ctx, parameters);
            throw;
        }

        // The solver or optimizer copied the values, so the set can go now.
        NativeMethods.Z3_params_dec_ref(ctx, parameters);
        context.Check("Z3_params_dec_ref");
    }
}
