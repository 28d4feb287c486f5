using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Escalator.Simulator.Reports;

namespace Escalator.Simulator.Tests.Reports;

public sealed partial class ReportPageTests
{
    [Fact]
    public void Render_Sample_TitlesTheCampaignAndGivesRunsSeedAndStrategies()
    {
        var html = ReportPage.Render(ReportSample.Json);

        Assert.Contains("<title>Simulation of rolling-computes</title>", html, StringComparison.Ordinal);
        Assert.Contains("<code>scenarios/ha/topology.yaml</code>", html, StringComparison.Ordinal);
        Assert.Contains("200 runs · seed 1 · strategy rolling · typical run #61 (83.7 min)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sample_SummaryShowsEachStatisticInItsUnit()
    {
        var html = ReportPage.Render(ReportSample.Json);

        Assert.Equal(["84", "11.2", "83.7", "103", "112", "82.5 – 85.6", "54.5", "127"], Row(html, "Campaign duration (min)"));
        Assert.Equal(["128", "12.8", "127", "147", "156", "126 – 129", "105", "161"], Row(html, "Memory moved by migration (GiB)"));
        Assert.Equal(["2 %"], Row(html, "Probability of rollback"));
        Assert.Equal(["1 %"], Row(html, "Probability of abort"));
        Assert.Equal(["3 of 200"], Row(html, "Runs with a breach"));
    }

    [Fact]
    public void Render_Sample_MarksTheVnfCellsOverBudget()
    {
        var html = ReportPage.Render(ReportSample.Json);

        Assert.Equal(["none", "—", "1", "0.616", "1.35 over", "2.15 over", "1", "2.15 over", "8 % over"], Row(html, "vfw"));
        Assert.Equal(["active-standby", "1", "10", "6.28", "8.88", "13.6 over", "2", "7.12 over", "4 % over"], Row(html, "vepc-mme"));
        Assert.Equal(["n+m", "2", "60", "0", "0", "0", "0", "0", "0 %"], Row(html, "vims-cscf"));
    }

    [Fact]
    public void Render_Sample_JudgesEachBudget()
    {
        var html = ReportPage.Render(ReportSample.Json);

        Assert.Equal(
            [
                "met: Whole upgrade under 2 h at p95?",
                "missed: Every interruption sub-second?",
                "missed: Each VNF within its outage budget?",
                "met: Five nines per upgrade?",
            ],
            Verdicts().Matches(html).Select(m => $"{m.Groups["verdict"].Value}: {m.Groups["question"].Value}"));
        Assert.Contains("over: vfw (p95 1.35 s &gt; 1 s); over in some runs: vepc-mme (4 % of runs).", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sample_ListsTheBreaches()
    {
        var html = ReportPage.Render(ReportSample.Json);

        Assert.Equal(["capacity", "rack-b", "4", "1 (0.5 %)", "0:48:51", "rack-b had 2 of 4 computes out of service; the campaign allows 1"],
            Cells(html, "<tr><td class=\"text\">capacity</td>"));
    }

    [Fact]
    public void Render_MarkupInNames_IsEscapedEverywhere()
    {
        var report = ReportSample.Node();
        report["campaignName"] = "R&D <rolling> \"quoted\" 'single'";
        report["vnfs"]![0]!["vnf"] = "<img src=x onerror=alert(1)>";
        report["breaches"]![0]!["message"] = "a & b < c";

        var html = ReportPage.Render(report.ToJsonString());

        Assert.Contains("<h1>Simulation of R&amp;D &lt;rolling&gt; &quot;quoted&quot; &#39;single&#39;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">&lt;img src=x onerror=alert(1)&gt;</th>", html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b &lt; c", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", WithoutScripts(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<rolling>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("</script><script>alert(1)</script>")]
    [InlineData("</SCRIPT ><!--<script>")]
    public void Render_ScriptCloserInAName_CannotLeaveTheDataElement(string name)
    {
        var report = ReportSample.Node();
        report["campaignName"] = name;
        report["typical"]!["timeline"]![0]!["label"] = name;

        var html = ReportPage.Render(report.ToJsonString());

        Assert.Equal(5, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(5, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        using var embedded = JsonDocument.Parse(EmbeddedData(html));
        Assert.Equal(name, embedded.RootElement.GetProperty("campaignName").GetString());
        Assert.True(JsonNode.DeepEquals(report, JsonNode.Parse(EmbeddedData(html))));
    }

    [Fact]
    public void Render_Sample_InlinesEveryScriptAndLoadsNothing()
    {
        var html = ReportPage.Render(ReportSample.Json);

        Assert.Equal(1, Regex.Count(html, "<script type=\"application/json\" id=\"report-data\">"));
        Assert.Equal(["vega", "vega-lite", "vega-embed", "report"], ScriptSources().Matches(html).Select(m => m.Groups[1].Value));
        Assert.DoesNotMatch("<script[^>]* src=|<link |<img |@import|url\\(", WithoutScripts(html));
        Assert.DoesNotContain("sourceMappingURL", html, StringComparison.Ordinal);
        Assert.Contains("vegaEmbed", html, StringComparison.Ordinal);
        Assert.Equal(["duration", "outages", "timeline", "hosts"], ChartNames().Matches(WithoutScripts(html)).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Render_OnlyTheVersion_ShowsDashesAndNotesInsteadOfCharts()
    {
        var html = ReportPage.Render("{\"version\": 1}");

        Assert.Equal(["—", "—", "—", "—", "—", "—", "—", "—"], Row(html, "Campaign duration (min)"));
        Assert.Equal(["—"], Row(html, "Probability of rollback"));
        Assert.Contains("<p class=\"note\">The report has no VNFs.</p>", html, StringComparison.Ordinal);
        Assert.Contains("The report has no per-run durations.", html, StringComparison.Ordinal);
        Assert.Contains("The report has no typical run timeline.", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("data-chart=", WithoutScripts(html));
        Assert.DoesNotContain("id=\"breaches\"", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(html, "<li class=\"unknown\">"));
    }

    [Fact]
    public void Render_VnfWithoutBudgetOrSal_ShowsDashesAndMarksNothing()
    {
        var report = ReportSample.Node();
        var vnf = report["vnfs"]![4]!;
        vnf["budgetSeconds"] = null;
        vnf["sal"] = null;
        vnf["overBudgetProbability"] = null;
        report["budgets"]!.AsObject().Remove("interruptionSeconds");

        var html = ReportPage.Render(report.ToJsonString());

        Assert.Equal(["none", "—", "—", "0.616", "1.35", "2.15", "1", "2.15", "—"], Row(html, "vfw"));
        Assert.Contains("<li class=\"unknown\"><span class=\"mark\">? unknown</span> <strong>Every interruption within its budget?</strong>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Timeline_OrdersLanesByFirstStartWithTheWaveFirst()
    {
        var report = Minimal(new JsonObject
        {
            ["timeline"] = new JsonArray(
                Bar("cmp-02", "step", 50), Bar("cmp-01", "step", 10), Bar("cmp-01", "migration", 5), Bar("wave 1", "wave", 5),
                Bar("mme-1", "outage", 30)),
        });

        var html = ReportPage.Render(report.ToJsonString());

        Assert.Equal(["wave 1", "cmp-01", "mme-1", "cmp-02"], Lanes(html));
        Assert.DoesNotContain("data-categories", WithoutScripts(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TimelineWithoutWaveBars_GivesEachWaveALane()
    {
        var report = Minimal(new JsonObject
        {
            ["waves"] = new JsonArray(
                new JsonObject { ["wave"] = 1, ["start"] = 0, ["end"] = 100 }, new JsonObject { ["wave"] = 2, ["start"] = 100, ["end"] = 200 }),
            ["timeline"] = new JsonArray(Bar("cmp-01", "step", 10), Bar("cmp-02", "step", 110)),
        });

        var html = ReportPage.Render(report.ToJsonString());

        Assert.Equal(["wave 1", "cmp-01", "wave 2", "cmp-02"], Lanes(html));
    }

    [Fact]
    public void Render_CrowdedTimeline_KeepsWavesAndOutagesAndSaysSo()
    {
        var report = ReportSample.Crowded(hosts: 120);
        var kept = report["typical"]!["timeline"]!.AsArray()
            .Where(b => (string?)b!["category"] is "wave" or "outage").Select(b => (string)b!["lane"]!).Distinct().ToList();

        var html = ReportPage.Render(report.ToJsonString());

        var lanes = Lanes(html);
        Assert.Equal(17, kept.Count);
        Assert.Equal(kept.Order(StringComparer.Ordinal), lanes.Order(StringComparer.Ordinal));
        Assert.Contains("data-categories=\"[&quot;wave&quot;,&quot;outage&quot;]\"", html, StringComparison.Ordinal);
        Assert.Contains("The run has 149 lanes, too many to read: only waves and outages are shown.</figcaption>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MoreWaveAndOutageLanesThanFit_ShowsTheFirstOnesAndSaysSo()
    {
        var bars = new JsonArray();
        for (var i = 0; i < 100; i++) bars.Add(Bar($"vm-{i:000}", "outage", 1000 - i));
        var report = Minimal(new JsonObject { ["timeline"] = bars });

        var html = ReportPage.Render(report.ToJsonString());

        var lanes = Lanes(html);
        Assert.Equal(60, lanes.Count);
        Assert.Equal("vm-099", lanes[0]);
        Assert.Contains("only waves and outages are shown, in the first 60 of their 100 lanes.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"version\": 2}", "version 2")]
    [InlineData("{\"version\": \"1\"}", "version \"1\"")]
    [InlineData("{\"runs\": 200}", "no \"version\"")]
    [InlineData("[1]", "found a JSON array")]
    public void Render_WrongVersion_ThrowsNamingWhatItFound(string json, string found)
    {
        var error = Assert.Throws<ArgumentException>(() => ReportPage.Render(json));

        Assert.Contains(found, error.Message, StringComparison.Ordinal);
        Assert.Equal("reportJson", error.ParamName);
    }

    [Fact]
    public void Render_NotJson_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportPage.Render("{\"version\": 1,"));

        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    private static JsonObject Minimal(JsonObject typical) => new() { ["version"] = 1, ["typical"] = typical };

    private static JsonObject Bar(string lane, string category, double start) =>
        new() { ["lane"] = lane, ["category"] = category, ["label"] = $"{category} on {lane}", ["start"] = start, ["end"] = start + 60 };

    /// <summary>The timeline's lanes, top to bottom, as the page gives them to its script.</summary>
    private static List<string> Lanes(string html)
    {
        var lanes = Regex.Match(WithoutScripts(html), "data-lanes=\"([^\"]*)\"");
        Assert.True(lanes.Success, "the page has no timeline chart");
        return JsonSerializer.Deserialize<List<string>>(WebUtility.HtmlDecode(lanes.Groups[1].Value))!;
    }

    /// <summary>The texts of a table row's cells after its header cell; a cell marked over budget ends in " over".</summary>
    private static List<string> Row(string html, string header)
    {
        var row = Regex.Match(html, $"<tr><th scope=\"row\">{Regex.Escape(header)}</th>(.*?)</tr>");
        Assert.True(row.Success, $"no row headed {header}");
        return [.. Cell().Matches(row.Groups[1].Value).Select(c => c.Groups["text"].Value + (c.Groups["over"].Success ? " over" : ""))];
    }

    private static List<string> Cells(string html, string rowStart)
    {
        var start = html.IndexOf(rowStart, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row starting {rowStart}");
        var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        return [.. Cell().Matches(row).Select(c => c.Groups["text"].Value)];
    }

    /// <summary>The page without the content of its inline scripts (whose libraries hold markup in strings).</summary>
    private static string WithoutScripts(string html) => InlineScript().Replace(html, "<script></script>");

    private static string EmbeddedData(string html)
    {
        const string open = "<script type=\"application/json\" id=\"report-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<td(?<over> class=\"over\")?[^>]*>(?<text>.*?)</td>")]
    private static partial Regex Cell();

    [GeneratedRegex("<li class=\"(?<verdict>\\w+)\"><span class=\"mark\">[^<]*</span> <strong>(?<question>[^<]*)</strong>")]
    private static partial Regex Verdicts();

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<script data-source=\"([^\"]+)\">")]
    private static partial Regex ScriptSources();

    [GeneratedRegex("data-chart=\"([^\"]+)\"")]
    private static partial Regex ChartNames();
}
