using System.Globalization;
using System.Text;
using Escalator.Solver.Synthesis;

namespace Escalator.Cli.Reports;

/// <summary>What <c>plan --optimize</c> says after the plan: optimal or best found, per stage, and the verdict.</summary>
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
        var waves = result.Plan.Waves.Length;
        var hours = TimeSpan.FromSeconds(result.Plan.ExpectedSeconds);
        var verdict = result.Verification!.IsSafe ? "verified SAFE" : "NOT safe (see escalator verify)";
        var quality = result.ProvedOptimal
            ? "proved optimal (no safe plan has fewer waves)"
            : string.Create(CultureInfo.InvariantCulture, $"the best found in {result.Time.TotalSeconds:0.0}s, not proved optimal");
        text.AppendLine(CultureInfo.InvariantCulture, $"optimised: {waves} wave(s), expected {hours:h\\hmm\\m}; {quality}; {verdict}");
        foreach (var s in result.Stages)
        {
            var line = s.Synthesised
                ? $"  stage {s.Stage}: {s.Waves} wave(s); any safe plan needs at least {s.LowerBound}"
                : $"  stage {s.Stage}: {s.Waves} wave(s) as expanded (parallel universe)";
            text.AppendLine(line);
        }
        foreach (var v in result.Verification.Violations) text.AppendLine(CultureInfo.InvariantCulture, $"  {v}");
        return text.ToString();
    }
}
