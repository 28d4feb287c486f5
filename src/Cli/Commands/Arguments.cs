using System.CommandLine;

namespace Escalator.Cli.Commands;

/// <summary>Arguments shared by several commands.</summary>
internal static class Arguments
{
    /// <summary>TOPOLOGY CAMPAIGN, or a CAMPAIGN that names its topology (topology: FILE).</summary>
    public static Argument<string[]> Files() => new("files")
    {
        Description = "TOPOLOGY CAMPAIGN, or a CAMPAIGN that names its topology",
        Arity = new ArgumentArity(1, 2),
    };
}
