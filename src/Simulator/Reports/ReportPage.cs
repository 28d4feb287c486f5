using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Escalator.Simulator.Reports;

/// <summary>The self-contained HTML page of a Monte Carlo simulation report (report.html beside report.json).</summary>
/// <remarks>
/// The tables and verdicts are written here from the report JSON; the four charts are Vega-Lite specifications that
/// the page's own script builds from the same JSON, embedded once in the page. Vega, Vega-Lite and vega-embed are
/// inlined, so the page opens offline and prints. Times in the JSON are seconds since the campaign start.
/// </remarks>
public static partial class ReportPage
{
    /// <summary>The version of the report JSON this page reads.</summary>
    public const int SupportedVersion = 1;

    /// <summary>Renders the whole HTML document for a report JSON of version <see cref="SupportedVersion"/>.</summary>
    /// <remarks>Optional fields may be absent or null: they show as a dash, and a chart without data is replaced by a
    /// note. Every string from the JSON is HTML-escaped, and the embedded copy cannot close its script element.</remarks>
    /// <exception cref="ArgumentException">The text is not JSON, or its <c>version</c> is not 1.</exception>
    public static string Render(string reportJson)
    {
        ArgumentNullException.ThrowIfNull(reportJson);
        using var document = Parse(reportJson);
        var report = document.RootElement;
        if (VersionProblem(report) is { } problem) throw new ArgumentException(problem, nameof(reportJson));

        var html = new StringBuilder(Assets.Size + reportJson.Length + 64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Escalator\">\n")
            .Append("<title>").Append(Escape(Title(report))).Append("</title>\n")
            .Append("<style>\n").Append(Assets.Stylesheet).Append("</style>\n</head>\n<body>\n<main>\n");
        AppendHeader(html, report);
        AppendSummary(html, report);
        AppendVerdicts(html, report);
        AppendVnfs(html, report);
        AppendBreaches(html, report);
        AppendCharts(html, report);
        html.Append("</main>\n");
        AppendScripts(html, reportJson);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static JsonDocument Parse(string reportJson)
    {
        try
        {
            return JsonDocument.Parse(reportJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"the report is not valid JSON: {e.Message}", nameof(reportJson), e);
        }
    }

    private static string? VersionProblem(JsonElement report)
    {
        if (report.ValueKind != JsonValueKind.Object)
            return $"the report must be a JSON object, found a JSON {report.ValueKind.ToString().ToLowerInvariant()}";
        if (!report.TryGetProperty("version", out var version))
            return $"the report has no \"version\"; this page reads version {SupportedVersion}";
        return version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var found) && found == SupportedVersion
            ? null
            : $"the report has version {version.GetRawText()}; this page reads version {SupportedVersion} only";
    }

    private static string Title(JsonElement report) =>
        $"Simulation of {Text(report, "campaignName") ?? Text(report, "campaign") ?? "a campaign"}";

    private static void AppendHeader(StringBuilder html, JsonElement report)
    {
        html.Append("<header>\n<h1>").Append(Escape(Title(report))).Append("</h1>\n");
        html.Append("<p class=\"files\">topology <code>").Append(Escape(Text(report, "topology") ?? Dash))
            .Append("</code> · campaign <code>").Append(Escape(Text(report, "campaign") ?? Dash)).Append("</code></p>\n");
        var strategies = Items(report, "strategies").Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : s.GetRawText()).ToList();
        html.Append("<p class=\"run-line\">")
            .Append(Escape(Number(report, "runs") is { } runs ? Plural(runs, "run") : "runs " + Dash))
            .Append(" · seed ").Append(Escape(Text(report, "seed") ?? Dash))
            .Append(" · ").Append(strategies.Count == 1 ? "strategy " : "strategies ")
            .Append(Escape(strategies.Count == 0 ? Dash : string.Join(", ", strategies)));
        if (Child(report, "typical") is { } typical)
        {
            html.Append(" · typical run ").Append(Escape(Text(typical, "run") is { } run ? "#" + run : Dash));
            if (Number(typical, "durationSeconds") is { } seconds) html.Append(" (").Append(Escape(Duration(seconds))).Append(')');
        }
        html.Append("</p>\n</header>\n");
    }

    private static string Plural(double count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{FormatNumber(count)} {noun}{(count == 1 ? "" : "s")}");
}
