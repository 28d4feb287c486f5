using System.CommandLine;
using Escalator.Model.Yaml;

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

    /// <summary>The longest the solver may think, as a duration (<c>30s</c>, <c>2m</c>).</summary>
    public static Option<string> Timeout() => new("--timeout")
    {
        Description = "the longest the solver may think, e.g. 30s or 2m (default 1m); past it the answer is UNKNOWN or the best found",
        DefaultValueFactory = _ => "1m",
        HelpName = "DURATION",
    };

    /// <summary>The timeout as a span, or null after telling the user what was wrong.</summary>
    public static TimeSpan? ParseTimeout(string? text, TextWriter stderr)
    {
        if (text is not null && Durations.TryParse(text, out var seconds) && seconds > 0 && seconds <= 86_400)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        stderr.WriteLine($"escalator: --timeout expects a duration between 1ms and 24h such as 30s or 2m; found '{text}'");
        return null;
    }

    /// <summary>Writes a file the user asked for; on failure says which file and why, and returns false.</summary>
    public static bool TryWrite(string path, string text, TextWriter stderr)
    {
        try
        {
            File.WriteAllText(path, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"escalator: cannot write '{path}': {e.Message}");
            return false;
        }
    }
}
