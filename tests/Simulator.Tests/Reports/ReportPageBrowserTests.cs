using System.Text.RegularExpressions;
using Escalator.Simulator.Reports;

namespace Escalator.Simulator.Tests.Reports;

/// <summary>report.html as a browser draws it: headless Chromium, offline, from a file.</summary>
public sealed partial class ReportPageBrowserTests
{
    private static readonly string[] Charts = ["duration", "outages", "timeline", "hosts"];

    [Fact]
    public async Task Render_SampleInChromium_DrawsFourChartsWithMarks()
    {
        var timeline = ReportSample.Node()["typical"]!["timeline"]!.AsArray();

        var dom = await DrawAsync(ReportSample.Json);

        AssertDrawn(dom);
        var marks = DataMarks(ChartSvg(dom, "timeline"));
        Assert.Equal(timeline.Count, marks.Count(m => m == "bar"));
        Assert.Equal(timeline.Count(b => (string?)b!["category"] == "outage"), marks.Count(m => m == "tick"));
        Assert.Contains("bar", DataMarks(ChartSvg(dom, "duration")));
        Assert.Equal(3 * 5, DataMarks(ChartSvg(dom, "outages")).Count(m => m == "point"));
        Assert.Contains("line mark", DataMarks(ChartSvg(dom, "hosts")));
    }

    [Fact]
    public async Task Render_CrowdedTimelineAndMarkupInNamesInChromium_DrawsFourChartsWithWavesAndOutagesOnly()
    {
        var report = ReportSample.Crowded(hosts: 120);
        report["campaignName"] = "</script><script>document.body.dataset.rendered='hijacked'</script><!--<script>";
        report["vnfs"]![0]!["vnf"] = "vepc \"mme\" </script> & <b>co</b>";
        var outages = report["typical"]!["timeline"]!.AsArray().Count(b => (string?)b!["category"] == "outage");
        var waves = report["typical"]!["waves"]!.AsArray().Count;

        var dom = await DrawAsync(report.ToJsonString());

        AssertDrawn(dom);
        var marks = DataMarks(ChartSvg(dom, "timeline"));
        Assert.Equal(waves + outages, marks.Count(m => m == "bar"));
        Assert.Contains("only waves and outages are shown", dom, StringComparison.Ordinal);
        Assert.Contains("vepc \"mme\" &lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;", dom, StringComparison.Ordinal);
    }

    private static async Task<string> DrawAsync(string reportJson)
    {
        var page = Path.Combine(Path.GetTempPath(), $"escalator-report-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(page, ReportPage.Render(reportJson));
        try
        {
            return await HeadlessChromium.DumpDomAsync(page);
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static void AssertDrawn(string dom)
    {
        var error = RenderError().Match(dom);
        Assert.True(error.Success, "the page has no #render-error element");
        Assert.True(error.Groups["text"].Value.Length == 0, $"the page reports: {error.Groups["text"].Value}");
        Assert.Contains("data-rendered=\"4\"", dom, StringComparison.Ordinal);
        foreach (var chart in Charts)
            Assert.True(DataMarks(ChartSvg(dom, chart)).Count > 0, $"the {chart} chart has no marks");
    }

    /// <summary>The markup of one chart: from its container to its caption.</summary>
    private static string ChartSvg(string dom, string chart)
    {
        var start = dom.IndexOf($"id=\"chart-{chart}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no {chart} chart");
        var end = dom.IndexOf("<figcaption", start, StringComparison.Ordinal);
        var markup = dom[start..end];
        Assert.True(markup.Contains("<svg", StringComparison.Ordinal), $"the {chart} chart has no <svg>");
        return markup;
    }

    /// <summary>The kinds of the data marks Vega drew (bar, tick, point, line mark …), one per mark, without axes and legends.</summary>
    private static List<string> DataMarks(string svg) =>
        [.. Symbol().Matches(svg).Select(m => m.Groups["kind"].Value).Where(k => k is not ("axis" or "legend"))];

    [GeneratedRegex("role=\"graphics-symbol\"[^>]*?aria-roledescription=\"(?<kind>[^\"]*)\"")]
    private static partial Regex Symbol();

    [GeneratedRegex("<div id=\"render-error\"[^>]*>(?<text>.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex RenderError();
}
