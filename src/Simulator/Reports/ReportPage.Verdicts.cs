using System.Text;
using System.Text.Json;

namespace Escalator.Simulator.Reports;

// The budget verdicts: one line each for the upgrade's length, single interruptions, VNF budgets and five nines.
public static partial class ReportPage
{
    private enum Verdict { Met, Missed, Unknown }

    private static void AppendVerdicts(StringBuilder html, JsonElement report)
    {
        var budgets = Child(report, "budgets") ?? default;
        var vnfs = Items(report, "vnfs").ToList();
        html.Append("<section id=\"verdicts\">\n<h2>Budgets</h2>\n<ul class=\"verdicts\">\n");
        AppendVerdict(html, UpgradeVerdict(report, budgets));
        AppendVerdict(html, InterruptionVerdict(vnfs, budgets));
        AppendVerdict(html, VnfBudgetVerdict(vnfs));
        AppendVerdict(html, FiveNinesVerdict(vnfs, budgets));
        html.Append("</ul>\n</section>\n");
    }

    private static void AppendVerdict(StringBuilder html, (Verdict Verdict, string Question, string Detail) line)
    {
        var (css, mark) = line.Verdict switch
        {
            Verdict.Met => ("met", "✔ yes"),
            Verdict.Missed => ("missed", "✘ no"),
            _ => ("unknown", "? unknown"),
        };
        html.Append("<li class=\"").Append(css).Append("\"><span class=\"mark\">").Append(mark).Append("</span> <strong>")
            .Append(Escape(line.Question)).Append("</strong> ").Append(Escape(line.Detail)).Append("</li>\n");
    }

    private static (Verdict, string, string) UpgradeVerdict(JsonElement report, JsonElement budgets)
    {
        var budget = Number(budgets, "upgradeSeconds");
        var p95 = Stat(report, "duration", "p95");
        var question = budget is { } limit ? $"Whole upgrade under {Budget(limit)} at p95?" : "Whole upgrade within its time budget at p95?";
        return (budget, p95) switch
        {
            ({ } b, { } d) =>
                (d <= b ? Verdict.Met : Verdict.Missed, question, $"p95 duration {Duration(d)} {(d <= b ? "≤" : ">")} {Duration(b)}."),
            (null, _) => (Verdict.Unknown, question, "The report gives no upgrade time budget."),
            _ => (Verdict.Unknown, question, "The report gives no duration percentiles."),
        };
    }

    private static (Verdict, string, string) InterruptionVerdict(List<JsonElement> vnfs, JsonElement budgets)
    {
        var budget = Number(budgets, "interruptionSeconds");
        var question = budget is { } b ? (b == 1 ? "Every interruption sub-second?" : $"Every interruption within {Duration(b)}?")
            : "Every interruption within its budget?";
        var worst = vnfs.Select(v => (Vnf: Text(v, "vnf") ?? Dash, Seconds: Stat(v, "longestInterruption", "max")))
            .OrderByDescending(w => w.Seconds).FirstOrDefault();
        if (budget is not { } limit) return (Verdict.Unknown, question, "The report gives no interruption budget.");
        if (worst.Seconds is not { } longest) return (Verdict.Unknown, question, "The report gives no interruption lengths.");
        var over = vnfs.Count(v => Stat(v, "longestInterruption", "max") > limit);
        var detail = $"The longest single interruption in any run was {Duration(longest)} ({worst.Vnf})"
            + (over == 0 ? "." : $"; {over} VNF{(over == 1 ? " has" : "s have")} a longer one than {Duration(limit)}.");
        return (longest <= limit ? Verdict.Met : Verdict.Missed, question, detail);
    }

    private static (Verdict, string, string) VnfBudgetVerdict(List<JsonElement> vnfs)
    {
        const string question = "Each VNF within its outage budget?";
        var budgeted = vnfs
            .Select(v => (Vnf: Text(v, "vnf") ?? Dash, Budget: Number(v, "budgetSeconds"), P95: Stat(v, "outage", "p95"),
                Over: Number(v, "overBudgetProbability")))
            .Where(v => v.Budget is not null).ToList();
        if (budgeted.Count == 0) return (Verdict.Unknown, question, "No VNF has an outage budget.");
        var over = budgeted.Where(v => v.P95 > v.Budget).ToList();
        var sometimes = budgeted.Where(v => v.Over > 0 && !(v.P95 > v.Budget)).ToList();
        var detail = new StringBuilder($"{budgeted.Count - over.Count} of {budgeted.Count} VNFs with a budget stay within it at p95");
        if (over.Count > 0)
            detail.Append("; over: ").AppendJoin(", ", over.Select(v => $"{v.Vnf} (p95 {Duration(v.P95!.Value)} > {Duration(v.Budget!.Value)})"));
        if (sometimes.Count > 0)
            detail.Append("; over in some runs: ").AppendJoin(", ", sometimes.Select(v => $"{v.Vnf} ({Percent(v.Over)} of runs)"));
        return (over.Count == 0 ? Verdict.Met : Verdict.Missed, question, detail.Append('.').ToString());
    }

    private static (Verdict, string, string) FiveNinesVerdict(List<JsonElement> vnfs, JsonElement budgets)
    {
        const string question = "Five nines per upgrade?";
        var budget = Number(budgets, "fiveNinesPerUpgradeSeconds");
        var perYear = Number(budgets, "upgradesPerYear");
        var worst = vnfs.Select(v => (Vnf: Text(v, "vnf") ?? Dash, Seconds: Stat(v, "outage", "p95")))
            .OrderByDescending(w => w.Seconds).FirstOrDefault();
        if (budget is not { } limit) return (Verdict.Unknown, question, "The report gives no five-nines budget.");
        if (worst.Seconds is not { } p95) return (Verdict.Unknown, question, "The report gives no VNF outages.");
        var basis = perYear is { } n ? $" ({FormatNumber(n)} upgrades a year)" : "";
        var detail = $"Worst VNF p95 outage {Duration(p95)} ({worst.Vnf}) {(p95 <= limit ? "≤" : ">")} {Duration(limit)} " +
            $"allowed per upgrade{basis}.";
        return (p95 <= limit ? Verdict.Met : Verdict.Missed, question, detail);
    }
}
