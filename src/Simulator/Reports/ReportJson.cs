using System.Text;
using System.Text.Json;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.Reports;

/// <summary>Writes report.json (version 1): the summary of a Monte Carlo simulation, every run's main measures and the
/// typical run's timeline. <see cref="ReportPage"/> draws report.html from it.</summary>
/// <remarks>Times are seconds since the campaign started; every summary object has mean, sd, p50, p95, p99, ciLow, ciHigh,
/// min and max.</remarks>
public static class ReportJson
{
    public static string Write(MonteCarloResult result, MonteCarloSummary summary, string topologyPath, string campaignPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(summary);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("topology", topologyPath);
            json.WriteString("campaign", campaignPath);
            json.WriteString("campaignName", result.Simulator.Campaign.Name);
            json.WriteStartArray("strategies");
            foreach (var s in result.Simulator.Plan.Stages.Select(s => s.Strategy).Distinct()) json.WriteStringValue(s);
            json.WriteEndArray();
            json.WriteNumber("runs", summary.Runs);
            json.WriteNumber("seed", summary.Seed);
            json.WriteBoolean("faults", result.Options.Faults);
            WriteBudgets(json, summary.Budgets);
            Stats(json, "duration", summary.Duration);
            json.WriteNumber("rollbackProbability", summary.RollbackProbability);
            json.WriteNumber("abortProbability", summary.AbortProbability);
            Stats(json, "rollbackSeconds", summary.RollbackSeconds);
            Stats(json, "controlPlaneOutage", summary.ControlPlaneOutage);
            Stats(json, "peakHostsOut", summary.PeakHostsOut);
            Stats(json, "extraHostHours", summary.ExtraHostHours);
            Stats(json, "migrations", summary.Migrations);
            Stats(json, "migratedGiB", summary.MigratedGiB);
            Stats(json, "abortedMigrations", summary.AbortedMigrations);
            Stats(json, "redirects", summary.Redirects);
            WriteVnfs(json, summary);
            WriteBreaches(json, summary);
            WriteRuns(json, result);
            WriteTypical(json, result.Typical);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteBudgets(Utf8JsonWriter json, Budgets budgets)
    {
        json.WriteStartObject("budgets");
        json.WriteNumber("upgradeSeconds", budgets.UpgradeSeconds);
        json.WriteNumber("interruptionSeconds", budgets.InterruptionSeconds);
        json.WriteNumber("fiveNinesPerUpgradeSeconds", Math.Round(budgets.FiveNinesPerUpgradeSeconds, 3));
        json.WriteNumber("upgradesPerYear", budgets.UpgradesPerYear);
        json.WriteEndObject();
    }

    private static void WriteVnfs(Utf8JsonWriter json, MonteCarloSummary summary)
    {
        json.WriteStartArray("vnfs");
        foreach (var v in summary.Vnfs)
        {
            json.WriteStartObject();
            json.WriteString("vnf", v.Vnf.Id.Name);
            json.WriteString("redundancy", Redundancy(v.Vnf.Redundancy.Model));
            if (v.Budget is { } b) json.WriteNumber("budgetSeconds", b);
            else json.WriteNull("budgetSeconds");
            if (v.Vnf.Availability?.Sal is { } sal) json.WriteNumber("sal", sal);
            else json.WriteNull("sal");
            Stats(json, "outage", v.Outage);
            Stats(json, "interruptions", v.Interruptions);
            Stats(json, "longestInterruption", v.Longest);
            json.WriteNumber("overBudgetProbability", v.OverBudget);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteBreaches(Utf8JsonWriter json, MonteCarloSummary summary)
    {
        json.WriteStartArray("breaches");
        foreach (var b in summary.Breaches)
        {
            json.WriteStartObject();
            json.WriteString("kind", b.Kind.ToString().ToLowerInvariant());
            json.WriteString("subject", b.Subject);
            json.WriteNumber("wave", b.Wave);
            json.WriteNumber("runs", b.Runs);
            json.WriteNumber("firstTime", Math.Round(b.Example.Time, 3));
            json.WriteString("message", b.Example.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteRuns(Utf8JsonWriter json, MonteCarloResult result)
    {
        json.WriteStartArray("runDetails");
        foreach (var r in result.Runs)
        {
            json.WriteStartObject();
            json.WriteNumber("run", r.Run);
            json.WriteNumber("seed", r.Seed);
            json.WriteNumber("durationSeconds", Math.Round(r.DurationSeconds, 3));
            json.WriteBoolean("rollback", r.Outcome == RunOutcome.RolledBack);
            json.WriteBoolean("aborted", r.Outcome == RunOutcome.Aborted);
            json.WriteNumber("controlPlaneOutageSeconds", Math.Round(r.ControlPlaneOutageSeconds, 3));
            json.WriteNumber("peakHostsOut", r.PeakHostsOut);
            json.WriteNumber("breaches", r.Breaches.Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTypical(Utf8JsonWriter json, RunResult typical)
    {
        var timeline = typical.Timeline!;
        json.WriteStartObject("typical");
        json.WriteNumber("run", typical.Run);
        json.WriteNumber("durationSeconds", Math.Round(typical.DurationSeconds, 3));
        json.WriteStartArray("waves");
        foreach (var w in timeline.Waves)
        {
            json.WriteStartObject();
            json.WriteNumber("wave", w.Wave);
            json.WriteString("stage", w.Stage);
            json.WriteString("kind", w.Kind);
            json.WriteNumber("start", Math.Round(w.Start, 3));
            json.WriteNumber("end", Math.Round(w.End, 3));
            json.WriteStartArray("hosts");
            foreach (var h in w.Hosts) json.WriteStringValue(h);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("timeline");
        foreach (var e in timeline.Entries.OrderBy(e => e.Start).ThenBy(e => e.Lane, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("lane", e.Lane);
            json.WriteString("category", e.Category.ToString().ToLowerInvariant());
            json.WriteString("label", e.Label);
            json.WriteNumber("start", Math.Round(e.Start, 3));
            json.WriteNumber("end", Math.Round(e.End, 3));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("hostsInService");
        foreach (var (time, hosts) in timeline.HostsInService)
        {
            json.WriteStartObject();
            json.WriteNumber("time", Math.Round(time, 3));
            json.WriteNumber("hosts", hosts);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Stats(Utf8JsonWriter json, string name, Summary s)
    {
        json.WriteStartObject(name);
        json.WriteNumber("mean", Math.Round(s.Mean, 6));
        json.WriteNumber("sd", Math.Round(s.Sd, 6));
        json.WriteNumber("p50", Math.Round(s.P50, 6));
        json.WriteNumber("p95", Math.Round(s.P95, 6));
        json.WriteNumber("p99", Math.Round(s.P99, 6));
        json.WriteNumber("ciLow", Math.Round(s.CiLow, 6));
        json.WriteNumber("ciHigh", Math.Round(s.CiHigh, 6));
        json.WriteNumber("min", Math.Round(s.Min, 6));
        json.WriteNumber("max", Math.Round(s.Max, 6));
        json.WriteEndObject();
    }

    private static string Redundancy(Model.Topology.RedundancyModel model) => model switch
    {
        Model.Topology.RedundancyModel.ActiveStandby => "active-standby",
        Model.Topology.RedundancyModel.NPlusM => "n+m",
        Model.Topology.RedundancyModel.Quorum => "quorum",
        _ => "none",
    };
}
