namespace Escalator.Cli;

/// <summary>The conventional exit codes of every escalator command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The plan is unsafe: it breaks at least one invariant.</summary>
    public const int Unsafe = 1;

    /// <summary>The input cannot be used: a file is missing or malformed, or an argument is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>The solver could not decide within its timeout: neither safe nor proved unsafe.</summary>
    public const int Unknown = 3;

    /// <summary><c>run</c> refused to start: the plan is not proved safe, the cloud is unhealthy, or another campaign holds its lock.</summary>
    public const int Refused = 4;

    /// <summary><c>run</c> started and did not complete: it was aborted, rolled back or stopped by failures.</summary>
    public const int NotCompleted = 5;

    /// <summary>Escalator itself failed; the message says so and how to get details.</summary>
    public const int Internal = 70;
}
