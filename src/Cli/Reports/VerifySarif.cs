using System.Reflection;
using System.Text.Json;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;
using Escalator.Solver.Reports;

namespace Escalator.Cli.Reports;

/// <summary>The verdict for code scanning: a SARIF 2.1.0 log with one run, one rule per invariant and one result per violation.</summary>
/// <remarks>Each result points at the campaign node that caused it; the file is named relative to the working directory
/// (forward slashes) when it lies inside it, so GitHub code scanning shows the result on the pull request's file.
/// A safe plan gives an empty <c>results</c> array. An unknown verdict is a run that did not complete: no <c>results</c>
/// at all (an empty array would claim nothing is wrong) and an invocation that failed, with the solver's reason.</remarks>
internal static class VerifySarif
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Where the tool is described; the project has no public home yet, so this is the placeholder its schemas use.</summary>
    public const string InformationUri = "https://escalator.invalid/";

    public static string Write(VerifyReport report) => Write(report, Environment.CurrentDirectory);

    /// <summary>Writes the log, naming the campaign file relative to <paramref name="workingDirectory"/> when it is inside it.</summary>
    public static string Write(VerifyReport report, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        return VerifyJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", Schema);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            WriteRun(w, report, workingDirectory);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>A file name as a SARIF artifact URI: relative with forward slashes inside the working directory, else an absolute file URI.</summary>
    public static string ArtifactUri(string file, string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        var full = Path.GetFullPath(file, workingDirectory);
        var relative = Path.GetRelativePath(workingDirectory, full);
        var outside = Path.IsPathRooted(relative) || relative == ".."
            || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (outside) return new Uri(full).AbsoluteUri;
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private static void WriteRun(Utf8JsonWriter w, VerifyReport report, string workingDirectory)
    {
        var r = report.Result;
        w.WriteStartObject();
        WriteTool(w);
        WriteInvocation(w, r.Verdict);
        w.WriteString("columnKind", "utf16CodeUnits");
        if (r.Verdict is not Verdict.Unknown)
        {
            var uri = report.CampaignFile.Length == 0 ? null : ArtifactUri(report.CampaignFile, workingDirectory);
            w.WriteStartArray("results");
            foreach (var v in r.Violations) WriteResult(w, report, v, uri);
            foreach (var v in r.Warnings) WriteResult(w, report, v, uri);
            w.WriteEndArray();
        }
        w.WriteStartObject("properties");
        w.WriteString("campaign", report.Campaign.Name);
        w.WriteString("topology", report.Topology.Name);
        w.WriteString("verdict", report.VerdictWord.ToLowerInvariant());
        w.WriteNumber("waves", report.Plan.Waves.Length);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter w)
    {
        var version = Version();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "escalator");
        w.WriteString("informationUri", InformationUri);
        w.WriteString("version", version);
        w.WriteString("semanticVersion", version);
        w.WriteStartArray("rules");
        foreach (var invariant in Invariant.All)
        {
            w.WriteStartObject();
            w.WriteString("id", invariant.Code);
            w.WriteString("name", PascalCase(invariant.Title));
            Text(w, "shortDescription", invariant.Description);
            Text(w, "fullDescription", invariant.Description);
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(invariant.Code));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A finding about the data centre rather than the plan (ESC-T0) is a warning; the rest are errors.</summary>
    private static string Level(string code) => code == Invariant.ResilienceAtRest.Code ? "warning" : "error";

    private static void WriteInvocation(Utf8JsonWriter w, Verdict verdict)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", verdict is not Verdict.Unknown);
        if (verdict is Verdict.Unknown unknown)
        {
            w.WriteStartArray("toolExecutionNotifications");
            w.WriteStartObject();
            w.WriteString("level", "error");
            Text(w, "message", $"the solver could not decide whether the plan is safe: {unknown.Reason}");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter w, VerifyReport report, Violation v, string? uri)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", v.Code);
        w.WriteNumber("ruleIndex", Invariant.All.IndexOf(Invariant.ByCode(v.Code)));
        w.WriteString("level", Level(v.Code));
        Text(w, "message", v.Wave > 0 ? $"wave {v.Wave}: {v.Message}" : v.Message);
        if (uri is not null && report.Locate(v) is { } at)
        {
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", uri);
            w.WriteEndObject();
            w.WriteStartObject("region");
            w.WriteNumber("startLine", at.Line);
            w.WriteNumber("startColumn", at.Column);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartObject("properties");
        w.WriteNumber("wave", v.Wave);
        w.WriteString("subject", v.Subject);
        w.WriteString("campaignPath", v.CampaignPath);
        w.WriteBoolean("intrinsic", v.Intrinsic);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    /// <summary>SARIF wants rule names identifier-like: "switchover first" becomes "SwitchoverFirst".</summary>
    private static string PascalCase(string title) =>
        string.Concat(title.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    /// <summary>The release, without the build metadata (+commit) that would change the log on every commit.</summary>
    private static string Version()
    {
        var informational = typeof(VerifySarif).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational)) return "0.1.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
