using System.CommandLine;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator generate --hosts N --vnfs M --seed S</c>: writes a large synthetic topology and a rolling campaign.</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("generate", "Write a large synthetic topology (for benchmarks and property tests).");
        command.SetAction(_ =>
        {
            stderr.WriteLine("generate: not yet");
            return ExitCodes.BadInput;
        });
        _ = stdout;
        return command;
    }
}
