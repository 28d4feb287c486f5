using System.Globalization;
using System.Text;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;

namespace Escalator.Cli.Reports;

/// <summary>The verdict for people: one line of verdict, then every violation with the campaign line that caused it.</summary>
internal static class VerifyText
{
    public static string Write(VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var r = report.Result;
        var waves = report.Plan.Waves.Length;
        var subject = $"campaign {report.Campaign.Name} on {report.Topology.Name}";
        var proved = r.Tolerated.Any ? $"budgets at {r.ConfidenceWords}, tolerating {r.Tolerated}" : $"budgets at {r.ConfidenceWords}";
        switch (r.Verdict)
        {
            case Verdict.Safe:
                text.AppendLine(CultureInfo.InvariantCulture, $"SAFE: {subject} keeps every invariant in all {waves} wave(s), {proved}");
                break;
            case Verdict.Unsafe unsafePlan:
                var broken = unsafePlan.Violations.Select(v => v.Wave).Where(w => w > 0).Distinct().Count();
                text.AppendLine(CultureInfo.InvariantCulture, $"UNSAFE: {subject} breaks {unsafePlan.Violations.Length} invariant instance(s) in {broken} of {waves} wave(s), {proved}");
                foreach (var v in unsafePlan.Violations)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {v}");
                    if (report.Locate(v) is { } at) text.AppendLine(CultureInfo.InvariantCulture, $"      at {at} ({v.CampaignPath})");
                }
                foreach (var v in unsafePlan.Violations.Where(v => v.Intrinsic).DistinctBy(v => (v.Code, v.Subject)))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"no safe plan for {v.Subject} ({v.Code}): no order of waves avoids it; change the procedure, the topology or the scope");
                }
                break;
            case Verdict.Unknown unknown:
                text.AppendLine(CultureInfo.InvariantCulture, $"UNKNOWN: the solver could not decide {subject}: {unknown.Reason}");
                break;
        }
        foreach (var w in r.Warnings) text.AppendLine(CultureInfo.InvariantCulture, $"warning: {w} — the data centre's, not the campaign's");
        if (r.Tolerated.Any)
        {
            var top = string.Join(", ", r.Exposure.Take(8).Select(e => $"{e.Subject} {Human.Seconds(e.Seconds)} in {e.Waves} wave(s)"));
            var more = r.Exposure.Length > 8 ? $" and {r.Exposure.Length - 8} more" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"exposure (planned time without the margin it has at rest): {(r.Exposure.IsEmpty ? "none" : top + more)}");
        }
        foreach (var redirect in r.Redirects)
        {
            var instead = redirect.Planned is { } p ? $" instead of {p}" : " (the plan had no destination)";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  wave {redirect.Wave}: the solver sends {redirect.Instance} ({redirect.Vnf}) from {redirect.From} to {redirect.To}{instead}");
        }
        var checkedCount = r.Checked.Values.Sum();
        var counts = string.Join(", ", r.Checked.Select(p => $"{p.Key} {p.Value}"));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"checked {checkedCount} invariant instance(s) ({counts}); Z3: {r.Variables} variables, {r.Constraints} constraints, {r.SolveTime.TotalSeconds:0.00}s");
        return text.ToString();
    }
}
