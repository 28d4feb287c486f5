using System.CommandLine;
using Escalator.Cli.Commands;

namespace Escalator.Cli;

/// <summary>The <c>escalator</c> command: builds the command tree and runs it with the given writers.</summary>
internal static class EscalatorApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Escalator plans, proves, predicts and performs smooth upgrades of NFV clouds.")
        {
            ValidateCommand.Create(stdout, stderr),
            PlanCommand.Create(stdout, stderr),
            GenerateCommand.Create(stdout, stderr),
        };
        var result = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        try
        {
            var code = await result.InvokeAsync(config).ConfigureAwait(false);
            // System.CommandLine answers a usage error with 1; Escalator keeps 1 for "unsafe" and uses 2 for unusable input.
            return result.Errors.Count > 0 ? ExitCodes.BadInput : code;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
