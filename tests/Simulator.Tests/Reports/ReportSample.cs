using System.Text.Json.Nodes;

namespace Escalator.Simulator.Tests.Reports;

/// <summary>The sample report (sample-report.json beside this file: 200 runs of the ha rolling-computes campaign), read
/// from the repository, whose root the build records in the test assembly, and reports made from it.</summary>
internal static class ReportSample
{
    public static string Json { get; } = File.ReadAllText(Repo.Path("tests", "Simulator.Tests", "Reports", "sample-report.json"));

    /// <summary>A fresh, editable copy of the sample.</summary>
    public static JsonObject Node() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>The sample with its typical run crowded: <paramref name="hosts"/> host lanes of steps around the waves
    /// and outages, some thousand bars in all.</summary>
    public static JsonObject Crowded(int hosts)
    {
        var report = Node();
        var timeline = report["typical"]!["timeline"]!.AsArray();
        for (var h = 0; h < hosts; h++)
        {
            var start = 30.0 * h;
            for (var step = 0; step < 20; step++)
                timeline.Add(new JsonObject
                {
                    ["lane"] = $"big-{h:000}", ["category"] = step % 4 == 1 ? "migration" : "step",
                    ["label"] = $"step {step} on big-{h:000}", ["start"] = start + 10 * step, ["end"] = start + 10 * step + 9,
                });
        }
        return report;
    }
}
