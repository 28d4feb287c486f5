using System.Globalization;
using System.Text;
using Escalator.Model.Yaml;
using Escalator.Solver.Synthesis;

namespace Escalator.Cli.Reports;

/// <summary>What <c>plan --optimize</c> says after the plan: its expected time, whether it is proved the fastest safe plan
/// and, if not, the least any safe plan takes; per stage; and the verdict.</summary>
internal static class SynthesisSummary
{
    public static string Write(SynthesisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        if (result.Plan is null)
        {
            text.AppendLine("no safe plan:");
            foreach (var reason in result.NoPlanReasons) text.AppendLine(CultureInfo.InvariantCulture, $"  {reason}");
            return text.ToString();
        }
        var verdict = result.Verification!.IsSafe ? "verified SAFE" : "NOT safe (see escalator verify)";
        var quality = result.ProvedOptimal
            ? "proved optimal: no safe plan takes less time"
            : $"not proved optimal; any safe plan takes at least {Bound(result.LowerBoundSeconds)}";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"optimised: {result.Plan.Waves.Length} wave(s), expected {Seconds(result.Plan.ExpectedSeconds)}; {quality}; {verdict}");
        foreach (var s in result.Stages)
        {
            var line = s.Synthesised
                ? $"  stage {s.Stage}: {s.Waves} wave(s), {Seconds(s.Seconds)}; any safe plan needs at least {s.LowerBound} wave(s) and {Bound(s.LowerBoundSeconds)}{How(s.Proof)}"
                : $"  stage {s.Stage}: {s.Waves} wave(s), {Seconds(s.Seconds)}, as expanded (parallel universe)";
            text.AppendLine(line);
        }
        foreach (var v in result.Verification.Violations) text.AppendLine(CultureInfo.InvariantCulture, $"  {v}");
        return text.ToString();
    }

    /// <summary>How a stage's optimality was proved, in words.</summary>
    public static string How(Proof proof) => proof switch
    {
        Proof.Bounds => " (optimal: it meets the bound, proved by counting)",
        Proof.Z3 => " (optimal: Z3 proved no faster plan)",
        _ => "",
    };

    /// <summary>An expected time to the second.</summary>
    public static string Seconds(double seconds) => Durations.Format(Math.Round(seconds));

    /// <summary>A lower bound to the second, rounded down so it stays a bound.</summary>
    private static string Bound(double seconds) => Durations.Format(Math.Floor(seconds));
}
