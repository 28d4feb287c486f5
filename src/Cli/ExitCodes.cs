namespace Escalator.Cli;

/// <summary>The conventional exit codes of every escalator command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Reserved for verdicts: the plan is unsafe.</summary>
    public const int Unsafe = 1;

    /// <summary>The input cannot be used: a file is missing or malformed, or an argument is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>Escalator itself failed; the message says so and how to get details.</summary>
    public const int Internal = 70;
}
