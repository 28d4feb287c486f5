using System.Text;
using System.Text.Json;

namespace Escalator.Simulator.Reports;

// The chart figures (filled in the browser by report.js from the embedded report) and the scripts that draw them.
public static partial class ReportPage
{
    private static void AppendCharts(StringBuilder html, JsonElement report)
    {
        html.Append("<section id=\"charts\">\n<h2>Charts</h2>\n")
            .Append("<div id=\"render-error\" class=\"render-error\" role=\"alert\" hidden></div>\n")
            .Append("<noscript><p class=\"note\">The charts need JavaScript; the tables above hold every number.</p></noscript>\n");
        var durations = Items(report, "runDetails").Count(r => Number(r, "durationSeconds") is not null);
        if (durations > 0)
            Figure(html, "duration", "Campaign duration over the runs",
                "Runs by campaign duration, coloured by outcome; the dashed rules mark the p50 and p95 of all runs.");
        else
            Missing(html, "Campaign duration over the runs", "The report has no per-run durations.");

        if (Items(report, "vnfs").Any())
            Figure(html, "outages", "Outage per VNF against its budget",
                "Each VNF's mean, p95 and worst total outage over the runs (on a log axis when they span decades, with zero at its " +
                "left end); the grey line spans mean to worst, the red tick is its budget, and a VNF over budget at p95 is named in red.");
        else
            Missing(html, "Outage per VNF against its budget", "The report has no VNFs.");

        var typical = Child(report, "typical");
        var run = typical is { } t && Text(t, "run") is { } r ? $"Typical run #{r}" : "The typical run";
        var gantt = typical is { } tg ? GanttView.Of(tg) : null;
        if (gantt is { Lanes.Count: > 0 })
            Figure(html, "timeline", "Timeline of the typical run",
                $"{run}: one lane per wave, host or instance, in order of first activity; hover over a bar for its label " +
                $"and times. {gantt.Note}".TrimEnd(),
                $" data-lanes=\"{Escape(JsonSerializer.Serialize(gantt.Lanes))}\"" +
                (gantt.Categories is { } c ? $" data-categories=\"{Escape(JsonSerializer.Serialize(c))}\"" : ""));
        else
            Missing(html, "Timeline of the typical run", "The report has no typical run timeline.");

        if (typical is { } th && Items(th, "hostsInService").Any())
            Figure(html, "hosts", "Hosts in service during the typical run", $"{run}: hosts in service, counted at each change.");
        else
            Missing(html, "Hosts in service during the typical run", "The report has no hosts-in-service series.");
        html.Append("</section>\n");
    }

    private static void Figure(StringBuilder html, string chart, string title, string caption, string attributes = "") =>
        html.Append("<figure class=\"chart\">\n<h3>").Append(Escape(title)).Append("</h3>\n")
            .Append("<div class=\"vega\" id=\"chart-").Append(chart).Append("\" data-chart=\"").Append(chart).Append('"')
            .Append(attributes).Append("></div>\n<figcaption>").Append(Escape(caption)).Append("</figcaption>\n</figure>\n");

    private static void Missing(StringBuilder html, string title, string note) =>
        html.Append("<figure class=\"chart missing\">\n<h3>").Append(Escape(title)).Append("</h3>\n<p class=\"note\">")
            .Append(Escape(note)).Append("</p>\n</figure>\n");

    /// <summary>The report JSON, once, where the charts read it, then the libraries and the page's script.</summary>
    /// <remarks>JSON has no '&lt;' outside its strings, and inside them "\u003c" means the same, so writing every '&lt;'
    /// that way leaves the data intact and keeps "&lt;/script" and "&lt;!--" out of the element.</remarks>
    private static void AppendScripts(StringBuilder html, string reportJson)
    {
        html.Append("<script type=\"application/json\" id=\"report-data\">")
            .Append(reportJson.Replace("<", "\\u003c", StringComparison.Ordinal)).Append("</script>\n");
        foreach (var (name, source) in Assets.Scripts)
            html.Append("<script data-source=\"").Append(name).Append("\">\n").Append(source).Append("\n</script>\n");
    }
}
