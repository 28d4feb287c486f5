using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.Model.Tests.Yaml;

/// <summary>Writes a model, reads it back and checks the laws of the writers: nothing lost, nothing reported, a fixed point.</summary>
internal static class RoundTrip
{
    /// <summary>parse(write(dc)) equals dc and write(parse(write(dc))) equals write(dc); returns the text and what was read.</summary>
    public static (string Text, DataCentre Read) Topology(DataCentre dc, string context, bool warningsAllowed = false)
    {
        var text = TopologyWriter.Write(dc);
        var loaded = TopologyLoader.Parse("written-topology.yaml", text);

        AssertClean(loaded.Diagnostics, text, context, warningsAllowed);
        Assert.NotNull(loaded.Value);
        ModelText.AssertEqual(dc, loaded.Value, context);
        AssertSameText(text, TopologyWriter.Write(loaded.Value), context);
        return (text, loaded.Value);
    }

    /// <summary>parse(write(c)) equals c and write(parse(write(c))) equals write(c); returns the text and what was read.</summary>
    public static (string Text, Loaded<Campaign> Read) Campaign(Campaign campaign, string context)
    {
        var text = CampaignWriter.Write(campaign);
        var loaded = CampaignLoader.Parse("written-campaign.yaml", text);

        AssertClean(loaded.Diagnostics, text, context, warningsAllowed: false);
        Assert.NotNull(loaded.Value);
        ModelText.AssertEqual(campaign, loaded.Value, context);
        AssertSameText(text, CampaignWriter.Write(loaded.Value), context);
        return (text, loaded);
    }

    public static void AssertClean(IReadOnlyList<Diagnostic> diagnostics, string text, string context, bool warningsAllowed)
    {
        var reported = diagnostics.Where(d => !warningsAllowed || d.Severity == Severity.Error).ToList();
        if (reported.Count == 0)
        {
            return;
        }
        var line = reported[0].Location?.Line ?? 1;
        var excerpt = text.Split('\n').Skip(Math.Max(0, line - 4)).Take(7);
        Assert.Fail($"{context}: {reported.Count} diagnostic(s), first:\n  {string.Join("\n  ", reported.Take(5))}\n"
            + $"around line {line}:\n{string.Join('\n', excerpt)}");
    }

    private static void AssertSameText(string first, string second, string context)
    {
        if (first == second)
        {
            return;
        }
        var a = first.Split('\n');
        var b = second.Split('\n');
        var i = 0;
        while (i < Math.Min(a.Length, b.Length) && a[i] == b[i]) i++;
        Assert.Fail($"{context}: writing what was read gives another text from line {i + 1}\n"
            + $"  first:  {(i < a.Length ? a[i] : "<end>")}\n  second: {(i < b.Length ? b[i] : "<end>")}");
    }
}
