using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Escalator.Simulator.Reports;

// The summary: the distribution of each campaign-wide measure over the runs, and the outcome probabilities.
public static partial class ReportPage
{
    private sealed record SummaryRow(string Label, string Field, double Scale);

    private static readonly SummaryRow[] SummaryRows =
    [
        new("Campaign duration (min)", "duration", 1.0 / 60),
        new("Control-plane outage (s)", "controlPlaneOutage", 1),
        new("Peak hosts out of service", "peakHostsOut", 1),
        new("Extra host-hours (h)", "extraHostHours", 1),
        new("Live migrations", "migrations", 1),
        new("Memory moved by migration (GiB)", "migratedGiB", 1),
        new("Aborted migrations", "abortedMigrations", 1),
    ];

    private static readonly string[] Statistics = ["mean", "sd", "p50", "p95", "p99"];

    private static void AppendSummary(StringBuilder html, JsonElement report)
    {
        html.Append("<section id=\"summary\">\n<h2>Summary over the runs</h2>\n");
        html.Append("<table class=\"numbers\">\n<thead><tr><th scope=\"col\">per run</th>");
        foreach (var s in Statistics) html.Append("<th scope=\"col\">").Append(s).Append("</th>");
        html.Append("<th scope=\"col\">95 % CI of the mean</th><th scope=\"col\">min</th><th scope=\"col\">max</th></tr></thead>\n<tbody>\n");
        foreach (var row in SummaryRows)
        {
            var stats = Child(report, row.Field);
            html.Append("<tr><th scope=\"row\">").Append(Escape(row.Label)).Append("</th>");
            foreach (var s in Statistics) Cell(html, Scaled(stats, s, row.Scale));
            var low = Scaled(stats, "ciLow", row.Scale);
            var high = Scaled(stats, "ciHigh", row.Scale);
            html.Append("<td>").Append(low is null && high is null ? Dash : $"{Num(low)} – {Num(high)}").Append("</td>");
            Cell(html, Scaled(stats, "min", row.Scale));
            Cell(html, Scaled(stats, "max", row.Scale));
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        AppendOutcomes(html, report);
        html.Append("</section>\n");
    }

    private static double? Scaled(JsonElement? stats, string statistic, double scale) =>
        stats is { } s && Number(s, statistic) is { } value ? value * scale : null;

    private static void Cell(StringBuilder html, double? value) => html.Append("<td>").Append(Num(value)).Append("</td>");

    private static void AppendOutcomes(StringBuilder html, JsonElement report)
    {
        var runs = Items(report, "runDetails").ToList();
        var withBreach = runs.Count(r => Number(r, "breaches") > 0);
        html.Append("<table class=\"outcomes\">\n<tbody>\n")
            .Append("<tr><th scope=\"row\">Probability of rollback</th><td>").Append(Percent(Number(report, "rollbackProbability")))
            .Append("</td></tr>\n<tr><th scope=\"row\">Probability of abort</th><td>").Append(Percent(Number(report, "abortProbability")))
            .Append("</td></tr>\n")
            .Append("<tr><th scope=\"row\">Runs with a breach</th><td>")
            .Append(runs.Count == 0 ? Dash : string.Create(CultureInfo.InvariantCulture, $"{withBreach} of {runs.Count}"))
            .Append("</td></tr>\n</tbody>\n</table>\n");
    }
}
