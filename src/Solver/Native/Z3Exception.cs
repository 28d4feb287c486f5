namespace Escalator.Solver.Native;

/// <summary>A Z3 call reported an error code, or returned a result the binding cannot use.</summary>
internal sealed class Z3Exception : Exception
{
    /// <summary>Creates the exception for a failed Z3 call.</summary>
    /// <param name="call">The Z3 C function that failed, e.g. "Z3_solver_assert".</param>
    /// <param name="message">Z3's own message (Z3_get_error_msg) or the binding's explanation.</param>
    public Z3Exception(string call, string message)
        : base($"{call}: {message}")
    {
        Call = call;
    }

    /// <summary>The Z3 C function that failed.</summary>
    public string Call { get; }
}
