using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Escalator.Model.Diagnostics;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;

namespace Escalator.Solver.Reports;

/// <summary>The verdict for machines: the stable, documented JSON of <c>escalator verify --format json</c> (format 1).</summary>
/// <remarks>Keys are camelCase and always in the same order; <c>reason</c> appears only when the verdict is unknown;
/// <c>location</c> is null when the campaign was not read from a file. <c>solver.seconds</c> is wall-clock time and
/// the only value that differs between runs. New keys may be added within a format; none is removed or renamed
/// without raising it.</remarks>
public static class VerifyJson
{
    public const int Format = 1;

    public static string Write(VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Render(w =>
        {
            var r = report.Result;
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteString("verdict", Word(r.Verdict));
            w.WriteString("campaign", report.Campaign.Name);
            w.WriteString("topology", report.Topology.Name);
            w.WriteNumber("waves", report.Plan.Waves.Length);
            w.WriteNumber("confidence", r.Confidence);
            if (r.Verdict is Verdict.Unknown unknown) w.WriteString("reason", unknown.Reason);
            w.WriteStartArray("violations");
            foreach (var v in r.Violations) WriteViolation(w, v, report.Locate(v));
            w.WriteEndArray();
            w.WriteStartArray("redirects");
            foreach (var redirect in r.Redirects) WriteRedirect(w, redirect);
            w.WriteEndArray();
            if (r.Tolerated.Any)
            {
                w.WriteStartObject("tolerated");
                w.WriteNumber("hostFailures", r.Tolerated.HostFailures);
                w.WriteNumber("migrationFallbacks", r.Tolerated.MigrationFallbacks);
                w.WriteNumber("rollbacks", r.Tolerated.Rollbacks);
                w.WriteEndObject();
                w.WriteStartArray("warnings");
                foreach (var v in r.Warnings) WriteViolation(w, v, null);
                w.WriteEndArray();
                w.WriteStartArray("exposure");
                foreach (var e in r.Exposure)
                {
                    w.WriteStartObject();
                    w.WriteString("subject", e.Subject);
                    w.WriteString("kind", e.Kind);
                    w.WriteNumber("seconds", Math.Round(e.Seconds, 3));
                    w.WriteNumber("waves", e.Waves);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartObject("checked");
            foreach (var (code, count) in r.Checked) w.WriteNumber(code, count);
            w.WriteEndObject();
            w.WriteStartObject("solver");
            w.WriteNumber("variables", r.Variables);
            w.WriteNumber("constraints", r.Constraints);
            w.WriteNumber("seconds", Math.Round(r.SolveTime.TotalSeconds, 3));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>Runs a writer over an indented document and returns its text, ending with a newline.</summary>
    /// <remarks>Shared with the CLI's SARIF writer. Only HTML-sensitive escaping is relaxed: these documents go to
    /// files and pipes, never into a web page, and "n+m" and "⌊(n−1)/2⌋" read better unescaped.</remarks>
    public static string Render(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Safe => "safe",
        Verdict.Unsafe => "unsafe",
        _ => "unknown",
    };

    private static void WriteViolation(Utf8JsonWriter w, Violation v, SourceLocation? at)
    {
        w.WriteStartObject();
        w.WriteString("code", v.Code);
        w.WriteString("invariant", Invariant.ByCode(v.Code).Title);
        w.WriteNumber("wave", v.Wave);
        w.WriteString("subject", v.Subject);
        w.WriteString("message", v.Message);
        w.WriteBoolean("intrinsic", v.Intrinsic);
        w.WriteString("campaignPath", v.CampaignPath);
        if (at is { } l)
        {
            w.WriteStartObject("location");
            w.WriteString("file", l.File);
            w.WriteNumber("line", l.Line);
            w.WriteNumber("column", l.Column);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("location");
        }
        w.WriteEndObject();
    }

    private static void WriteRedirect(Utf8JsonWriter w, Redirect redirect)
    {
        w.WriteStartObject();
        w.WriteNumber("wave", redirect.Wave);
        w.WriteString("instance", redirect.Instance.Name);
        w.WriteString("vnf", redirect.Vnf.Name);
        w.WriteString("from", redirect.From.Name);
        if (redirect.Planned is { } planned) w.WriteString("planned", planned.Name);
        else w.WriteNull("planned");
        w.WriteString("to", redirect.To.Name);
        w.WriteEndObject();
    }
}
