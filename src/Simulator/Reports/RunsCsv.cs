using System.Globalization;
using System.Text;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.Reports;

/// <summary>Writes runs.csv: one row per run with its measures and each VNF's outage seconds, for a spreadsheet or R.</summary>
public static class RunsCsv
{
    public static string Write(MonteCarloResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var vnfs = result.Simulator.Vnfs;
        text.Append("run,seed,outcome,duration_s,rollback_s,control_plane_outage_s,migrations,migrated_gib,aborted_migrations,redirects,peak_hosts_out,extra_host_hours,failed_hosts,faults,breaches");
        foreach (var v in vnfs) text.Append(',').Append(Quote($"outage_s:{v.Id.Name}"));
        text.Append('\n');
        foreach (var r in result.Runs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Run},{r.Seed},{r.Outcome.ToString().ToLowerInvariant()},{N(r.DurationSeconds)},{N(r.RollbackSeconds)},")
                .Append(CultureInfo.InvariantCulture, $"{N(r.ControlPlaneOutageSeconds)},{r.Migrations},{N(r.MigratedGiB)},{r.AbortedMigrations},{r.Redirects},")
                .Append(CultureInfo.InvariantCulture, $"{r.PeakHostsOut},{N(r.ExtraHostHours)},{r.FailedHosts},{r.Faults},{r.Breaches.Count}");
            foreach (var v in r.Vnfs) text.Append(',').Append(N(v.Seconds));
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string N(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
