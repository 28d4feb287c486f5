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

    /// <summary><c>--tolerate K</c>: the failures every wave must survive, overriding the campaign's <c>resilience:</c>.</summary>
    public static Option<int?> Tolerate(string what) => new("--tolerate")
    {
        Description = $"{what} every wave survives up to K hosts failing outside it, K of its migrations falling back and K upgrades "
            + "of the wave before rolling back (overrides the campaign's resilience:)",
        HelpName = "K",
    };

    /// <summary>The failures <c>--tolerate</c> asks for: null when not given (the campaign's), false after telling the user
    /// what was wrong.</summary>
    public static bool TryParseTolerate(int? k, TextWriter stderr, out Model.Semantics.Resilience? resilience)
    {
        resilience = null;
        if (k is < 0)
        {
            stderr.WriteLine($"escalator: --tolerate expects a count of failures from 0; found '{k}'");
            return false;
        }
        if (k is { } count) resilience = Model.Semantics.Resilience.Uniform(count);
        return true;
    }

    /// <summary>The timeout as a span, or null after telling the user what was wrong.</summary>
    public static TimeSpan? ParseTimeout(string? text, TextWriter stderr, string option = "--timeout")
    {
        if (text is not null && Durations.TryParse(text, out var seconds) && seconds > 0 && seconds <= 86_400)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        stderr.WriteLine($"escalator: {option} expects a duration between 1ms and 24h such as 30s or 2m; found '{text}'");
        return null;
    }

    /// <summary>The confidence at which budgets are proved: each interruption at this quantile of its spread.</summary>
    public static Option<string> Confidence() => new("--confidence")
    {
        Description = "prove budgets with each interruption at this quantile of its duration spread, e.g. 0.95 or 99% (default 0.95)",
        DefaultValueFactory = _ => "0.95",
        HelpName = "P",
    };

    /// <summary>The confidence as a probability in [0.5, 1), or null after telling the user what was wrong.</summary>
    public static double? ParseConfidence(string? text, TextWriter stderr)
    {
        var percent = text?.EndsWith('%') == true;
        if (double.TryParse(percent ? text![..^1] : text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            var p = percent ? value / 100 : value;
            if (p is >= 0.5 and < 1) return p;
        }
        stderr.WriteLine($"escalator: --confidence expects a probability from 0.5 up to (not including) 1, such as 0.95 or 99%; found '{text}'");
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

    /// <summary>How many Monte Carlo runs.</summary>
    public static Option<int> Runs() => new("--runs")
    {
        Description = "how many simulated runs (default 200)",
        DefaultValueFactory = _ => 200,
        HelpName = "N",
    };

    /// <summary>The seed every run's random stream derives from.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "the seed of the runs' random streams (default 1); the same seed gives the same results on any number of cores",
        DefaultValueFactory = _ => 1,
        HelpName = "S",
    };

    /// <summary>How many runs go at once.</summary>
    public static Option<int?> Parallel() => new("--parallel")
    {
        Description = "runs at once (default: one per core); the results do not depend on it",
        HelpName = "N",
    };

    /// <summary>Checks --runs and --parallel; says what is wrong and returns false when one is out of range.</summary>
    public static bool CheckRuns(int runs, int? parallel, TextWriter stderr)
    {
        if (runs is < 1 or > 1_000_000)
        {
            stderr.WriteLine($"escalator: --runs expects a number of runs between 1 and 1000000; found {runs}");
            return false;
        }
        if (parallel is < 1 or > 1024)
        {
            stderr.WriteLine($"escalator: --parallel expects a number between 1 and 1024; found {parallel}");
            return false;
        }
        return true;
    }
}
