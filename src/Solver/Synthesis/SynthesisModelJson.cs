using System.Text;
using System.Text.Json;
using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Solver.Synthesis;

/// <summary>The wave model synthesis searches, as JSON (<c>plan --optimize --emit-model</c>), so that another solver can
/// be given the same problem: per stage its hosts and what each visit takes, the size of its waves, and every other
/// limit as weights per host and a bound on their sum per wave.</summary>
/// <remarks>A plan puts each host in one wave; wave w holds at most <c>capacity</c> hosts (the first exactly
/// <c>firstWave</c> when set: a canary) and, for each limit, Σ weight ≤ bound; it lasts its longest visit, and the stage
/// takes the sum of its waves and <c>soakSeconds</c>. <c>fewestWaves</c> is the counting bound on the number of waves.</remarks>
public static class SynthesisModelJson
{
    public const int FormatVersion = 1;

    public static string Write(DataCentre dc, Campaign campaign, double confidence = DurationModel.DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(campaign);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("campaign", campaign.Name);
            w.WriteStartArray("stages");
            foreach (var m in PlanSynthesizer.Models(dc, campaign, confidence)) Stage(w, m);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Stage(Utf8JsonWriter w, StageModel m)
    {
        w.WriteStartObject();
        w.WriteString("name", m.Stage.Name);
        w.WriteNumber("capacity", m.MaxPerWave);
        if (m.FirstWave is { } first) w.WriteNumber("firstWave", first);
        w.WriteNumber("soakSeconds", m.SoakSeconds);
        w.WriteNumber("fewestWaves", m.LowerBound());
        w.WriteStartArray("hosts");
        for (var i = 0; i < m.Hosts.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Hosts[i].Id.Name);
            w.WriteNumber("seconds", Math.Round(m.Seconds[i], 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("limits");
        foreach (var g in m.WaveLimits([]))
        {
            w.WriteStartObject();
            w.WriteString("name", g.Name);
            w.WriteNumber("bound", g.Tolerated);
            w.WriteStartArray("hosts");
            foreach (var i in g.Weights.Keys.Order()) w.WriteNumberValue(i);
            w.WriteEndArray();
            w.WriteStartArray("weights");
            foreach (var i in g.Weights.Keys.Order()) w.WriteNumberValue(g.Weights[i]);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (m.Impossible.Count > 0)
        {
            w.WriteStartArray("impossible");
            foreach (var reason in m.Impossible) w.WriteStringValue(reason);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
