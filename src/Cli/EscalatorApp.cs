using System.CommandLine;
using System.CommandLine.Help;
using Escalator.Cli.Commands;

namespace Escalator.Cli;

/// <summary>The <c>escalator</c> command: builds the command tree and runs it with the given writers.</summary>
internal static class EscalatorApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // A named root rather than RootCommand, whose name follows the host process (testhost in tests).
        var root = new Command("escalator", "Escalator plans, proves, predicts and performs smooth upgrades of NFV clouds.")
        {
            new HelpOption(),
            new VersionOption(),
            ValidateCommand.Create(stdout, stderr),
            PlanCommand.Create(stdout, stderr),
            VerifyCommand.Create(stdout, stderr),
            SimulateCommand.Create(stdout, stderr),
            CompareCommand.Create(stdout, stderr),
            GenerateCommand.Create(stdout, stderr),
            DiscoverCommand.Create(stdout, stderr),
            RunCommand.Create(stdout, stderr),
            ServeCommand.Create(stdout, stderr),
        };
        var result = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        // serve handles SIGINT and SIGTERM itself: suspending its runs may take longer than System.CommandLine's grace.
        if (result.CommandResult.Command.Name == "serve") config.ProcessTerminationTimeout = null;
        try
        {
            var code = await result.InvokeAsync(config).ConfigureAwait(false);
            // System.CommandLine answers a usage error with 1; Escalator keeps 1 for "unsafe" and uses 2 for unusable input.
            return result.Errors.Count > 0 ? ExitCodes.BadInput : code;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("ESCALATOR_DEBUG") != "1")
        {
            // A fault of Escalator itself, never of the input (input problems are diagnostics): say so without a stack trace.
            await stderr.WriteLineAsync($"escalator: internal error ({e.GetType().Name}: {e.Message}); run again with ESCALATOR_DEBUG=1 for details and report it").ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }
}
