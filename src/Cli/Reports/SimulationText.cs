using System.Text;
using Escalator.Simulator.Runs;

namespace Escalator.Cli.Reports;

/// <summary>The summary of <c>escalator simulate</c> for people: measures with spread, each VNF against its budget, the
/// field budgets, and any invariant breach the runs showed.</summary>
internal static class SimulationText
{
    private static readonly string[] MeasureHeader = ["measure", "mean", "sd", "p50", "p95", "p99", "95% CI of mean"];
    private static readonly string[] VnfHeader = ["VNF outage", "budget", "mean", "p95", "max", "interruptions", "longest (p95)", "P(over budget)"];

    public static string Write(MonteCarloResult result, MonteCarloSummary s)
    {
        var text = new StringBuilder();
        var plan = result.Simulator.Plan;
        var runs = result.Options.Expected ? "1 run at expected durations" : $"{s.Runs} run(s), seed {s.Seed}";
        text.AppendLine($"{plan.Campaign} on {plan.Topology}: {runs}, faults {(result.Options.Faults ? "on" : "off")}; "
            + $"{plan.Waves.Length} wave(s), {plan.Waves.Sum(w => w.Steps.Length)} step(s); plan's expected time {Human.Seconds(plan.ExpectedSeconds)}");
        text.AppendLine();
        var rows = new List<string[]> { MeasureHeader };
        rows.Add(Row("duration", s.Duration, Human.Seconds));
        rows.Add(Row("control-plane API outage", s.ControlPlaneOutage, Human.Seconds));
        rows.Add(Row("peak hosts out of service", s.PeakHostsOut, Human.Number));
        rows.Add(Row("migrations", s.Migrations, Human.Number));
        rows.Add(Row("data migrated (GiB)", s.MigratedGiB, Human.Number));
        rows.Add(Row("migrations aborted", s.AbortedMigrations, Human.Number));
        rows.Add(Row("moves redirected", s.Redirects, Human.Number));
        if (s.ExtraHostHours.Max > 0) rows.Add(Row("extra host-hours", s.ExtraHostHours, Human.Number));
        Table(text, rows);
        text.AppendLine();
        text.AppendLine($"rollback in {Human.Percent(s.RollbackProbability)} of runs"
            + (s.RollbackProbability > 0 ? $" (taking {Human.Seconds(s.RollbackSeconds.Mean)} on average)" : "")
            + $"; stopped without rollback in {Human.Percent(s.AbortProbability)}");
        text.AppendLine();
        var vnfs = new List<string[]> { VnfHeader };
        vnfs.AddRange(s.Vnfs.Select(v => new[]
        {
            v.Vnf.Id.Name, v.Budget is { } b ? Human.Seconds(b) : "—", Human.Seconds(v.Outage.Mean), Human.Seconds(v.Outage.P95),
            Human.Seconds(v.Outage.Max), Human.Number(v.Interruptions.Mean), Human.Seconds(v.Longest.P95), Human.Percent(v.OverBudget),
        }));
        Table(text, vnfs);
        text.AppendLine();
        Budgets(text, s);
        text.AppendLine();
        if (s.Breaches.Count == 0)
        {
            text.AppendLine("no run broke a redundancy, quorum, capacity or move-once invariant, nor lost a VM");
        }
        else
        {
            var own = result.Runs.Count(r => r.Breaches.Count > 0 && r.Faults == 0);
            text.AppendLine($"invariant breaches in {result.Runs.Count(r => r.Breaches.Count > 0)} of {s.Runs} run(s), {own} of them without any fault:");
            foreach (var b in s.Breaches)
            {
                text.AppendLine($"  wave {b.Wave}: {b.Kind.ToString().ToLowerInvariant()} of {b.Subject} in {b.Runs} run(s), first at {Human.Seconds(b.Example.Time)}: {b.Example.Message}");
            }
        }
        text.AppendLine(NotSimulated);
        return text.ToString();
    }

    /// <summary>What the simulator does not model, said rather than implied clean.</summary>
    internal static readonly string NotSimulated =
        $"not simulated: {string.Join(", ", PlanSimulator.NotSimulated.Select(n => $"{n.What} ({string.Join(", ", n.Codes)})"))}; see escalator verify";

    private static void Budgets(StringBuilder text, MonteCarloSummary s)
    {
        var b = s.Budgets;
        text.AppendLine("budgets:");
        text.AppendLine($"  {Mark(s.Duration.P95 <= b.UpgradeSeconds)} whole upgrade under {Human.Seconds(b.UpgradeSeconds)}: p95 {Human.Seconds(s.Duration.P95)}");
        var longest = s.Vnfs.Count == 0 ? 0 : s.Vnfs.Max(v => v.Longest.Max);
        text.AppendLine($"  {Mark(longest < b.InterruptionSeconds)} every VNF interruption sub-second: the longest was {Human.Seconds(longest)}");
        var worst = s.Vnfs.Count == 0 ? 0 : s.Vnfs.Max(v => v.Outage.P95);
        text.AppendLine($"  {Mark(worst <= b.FiveNinesPerUpgradeSeconds)} five nines with {Human.Number(b.UpgradesPerYear)} upgrades a year ({Human.Seconds(b.FiveNinesPerUpgradeSeconds)} per upgrade): worst VNF p95 {Human.Seconds(worst)}");
        var over = s.Vnfs.Where(v => v.OverBudgetAtP95).Select(v => v.Vnf.Id.Name).ToList();
        text.AppendLine($"  {Mark(over.Count == 0)} each VNF within its own budget at p95{(over.Count == 0 ? "" : $": not {string.Join(", ", over)}")}");
    }

    private static string Mark(bool ok) => ok ? "ok  " : "OVER";

    private static string[] Row(string name, Summary s, Func<double, string> format) =>
        [name, format(s.Mean), format(s.Sd), format(s.P50), format(s.P95), format(s.P99), $"{format(s.CiLow)} – {format(s.CiHigh)}"];

    /// <summary>Left-aligned first column, right-aligned numbers, two spaces between columns.</summary>
    internal static void Table(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
