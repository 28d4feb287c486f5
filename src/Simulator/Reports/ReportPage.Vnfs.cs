using System.Text;
using System.Text.Json;

namespace Escalator.Simulator.Reports;

// The per-VNF table, with the cells over a budget marked, and the breaches table.
public static partial class ReportPage
{
    private static void AppendVnfs(StringBuilder html, JsonElement report)
    {
        var vnfs = Items(report, "vnfs").ToList();
        html.Append("<section id=\"vnfs\">\n<h2>Service outage per VNF</h2>\n");
        if (vnfs.Count == 0)
        {
            html.Append("<p class=\"note\">The report has no VNFs.</p>\n</section>\n");
            return;
        }
        var interruptionBudget = Child(report, "budgets") is { } b ? Number(b, "interruptionSeconds") : null;
        html.Append("<table class=\"numbers\">\n<thead><tr><th scope=\"col\">VNF</th><th scope=\"col\">redundancy</th>")
            .Append("<th scope=\"col\">SAL</th><th scope=\"col\">budget (s)</th><th scope=\"col\">mean outage (s)</th>")
            .Append("<th scope=\"col\">p95 outage (s)</th><th scope=\"col\">max outage (s)</th><th scope=\"col\">interruptions (mean)</th>")
            .Append("<th scope=\"col\">longest interruption (s)</th><th scope=\"col\">P(over budget)</th></tr></thead>\n<tbody>\n");
        foreach (var vnf in vnfs) AppendVnfRow(html, vnf, interruptionBudget);
        html.Append("</tbody>\n</table>\n<p class=\"note\">Outage is a VNF's total time without service in one run; ")
            .Append("a marked cell is over the VNF's budget (or, for the longest interruption, over the interruption budget). ")
            .Append("The longest interruption is the worst over all runs.</p>\n</section>\n");
    }

    private static void AppendVnfRow(StringBuilder html, JsonElement vnf, double? interruptionBudget)
    {
        var budget = Number(vnf, "budgetSeconds");
        var budgetText = budget is { } limit ? $"over the {Duration(limit)} budget" : "";
        html.Append("<tr><th scope=\"row\">").Append(Escape(Text(vnf, "vnf") ?? Dash)).Append("</th>")
            .Append("<td class=\"text\">").Append(Escape(Text(vnf, "redundancy") ?? Dash)).Append("</td>")
            .Append("<td>").Append(Escape(Text(vnf, "sal") ?? Dash)).Append("</td>");
        Cell(html, budget);
        foreach (var statistic in (string[])["mean", "p95", "max"])
            Marked(html, Stat(vnf, "outage", statistic), budget, budgetText);
        Cell(html, Stat(vnf, "interruptions", "mean"));
        Marked(html, Stat(vnf, "longestInterruption", "max"), interruptionBudget,
            interruptionBudget is { } i ? $"longer than the {Duration(i)} interruption budget" : "");
        var overProbability = Number(vnf, "overBudgetProbability");
        if (overProbability > 0)
            html.Append("<td class=\"over\" title=\"over budget in ").Append(Percent(overProbability)).Append(" of runs\">")
                .Append(Percent(overProbability)).Append("</td>");
        else
            html.Append("<td>").Append(Percent(overProbability)).Append("</td>");
        html.Append("</tr>\n");
    }

    /// <summary>A number cell, marked as over when the value exceeds the limit.</summary>
    private static void Marked(StringBuilder html, double? value, double? limit, string title)
    {
        if (value > limit)
            html.Append("<td class=\"over\" title=\"").Append(Escape(title)).Append("\">").Append(Num(value)).Append("</td>");
        else
            Cell(html, value);
    }

    private static void AppendBreaches(StringBuilder html, JsonElement report)
    {
        var breaches = Items(report, "breaches").ToList();
        if (breaches.Count == 0) return;
        var runs = Number(report, "runs");
        html.Append("<section id=\"breaches\">\n<h2>Breaches</h2>\n<table class=\"breaches\">\n<thead><tr>")
            .Append("<th scope=\"col\">kind</th><th scope=\"col\">subject</th><th scope=\"col\">wave</th><th scope=\"col\">runs</th>")
            .Append("<th scope=\"col\">first at</th><th scope=\"col\">what happened</th></tr></thead>\n<tbody>\n");
        foreach (var breach in breaches)
        {
            var count = Number(breach, "runs");
            var share = count is { } c && runs is > 0 ? $" ({Percent(c / runs.Value)})" : "";
            html.Append("<tr><td class=\"text\">").Append(Escape(Text(breach, "kind") ?? Dash)).Append("</td>")
                .Append("<td class=\"text\">").Append(Escape(Text(breach, "subject") ?? Dash)).Append("</td>")
                .Append("<td>").Append(Escape(Text(breach, "wave") ?? Dash)).Append("</td>")
                .Append("<td>").Append(Num(count)).Append(share).Append("</td>")
                .Append("<td>").Append(Number(breach, "firstTime") is { } t ? Clock(t) : Dash).Append("</td>")
                .Append("<td class=\"text\">").Append(Escape(Text(breach, "message") ?? Dash)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }
}
