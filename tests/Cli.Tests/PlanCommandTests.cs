using System.Text.Json;

namespace Escalator.Cli.Tests;

public sealed class PlanCommandTests
{
    [Fact]
    public async Task Plan_HaRollingTable_MatchesGoldenFile()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("plan", "scenarios/ha/topology.yaml", "scenarios/ha/rolling-computes.yaml");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Golden.AssertMatches("ha-rolling-computes.plan.txt", stdout);
    }

    [Fact]
    public async Task Plan_HaRollingJson_MatchesGoldenFile()
    {
        var (code, stdout, _) = await Cli.RunAsync("plan", "scenarios/ha/rolling-computes.yaml", "--format", "json");

        Assert.Equal(0, code);
        Golden.AssertMatches("ha-rolling-computes.plan.json", stdout);
    }

    [Fact]
    public async Task Plan_Json_HasDocumentedShape()
    {
        var (_, stdout, _) = await Cli.RunAsync("plan", "scenarios/ha/rolling-computes.yaml", "--format", "json");

        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("rolling-computes", root.GetProperty("campaign").GetString());
        var waves = root.GetProperty("waves").EnumerateArray().ToList();
        Assert.Equal(12, waves.Count);
        var hosts = waves.SelectMany(w => w.GetProperty("hosts").EnumerateArray().Select(h => h.GetString())).ToList();
        Assert.Equal(12, hosts.Count);
        Assert.Equal(12, hosts.Distinct().Count());
        var step = waves[0].GetProperty("steps")[0];
        foreach (var key in new[] { "target", "action", "detail", "expectedSeconds", "timeoutSeconds", "onTimeout", "unavailable", "services", "moves" })
        {
            Assert.True(step.TryGetProperty(key, out _), $"step lacks '{key}'");
        }
    }

    [Fact]
    public async Task PlanOptimize_Minimal_SaysProvedOptimalAndTheBound()
    {
        var (code, stdout, _) = await Cli.RunAsync("plan", "scenarios/minimal/rolling-computes.yaml", "--optimize");

        Assert.Equal(0, code);
        Assert.Contains("optimised: 2 wave(s), expected 27m54s; proved optimal: no safe plan takes less time; verified SAFE", stdout);
        Assert.Contains("any safe plan needs at least 2 wave(s) and 27m53s (optimal: it meets the bound, proved by counting)", stdout);
    }

    [Fact]
    public async Task PlanOptimize_HaJson_CarriesTheOptimization()
    {
        var (code, stdout, _) = await Cli.RunAsync("plan", "scenarios/ha/rolling-computes.yaml", "--optimize", "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(12, doc.RootElement.GetProperty("waves").GetArrayLength());
        var o = doc.RootElement.GetProperty("optimization");
        Assert.Equal("safe", o.GetProperty("verdict").GetString());
        var expected = o.GetProperty("expectedSeconds").GetDouble();
        var bound = o.GetProperty("lowerBoundSeconds").GetDouble();
        Assert.InRange(bound, 0.99 * expected, expected);
        Assert.Equal(o.GetProperty("provedOptimal").GetBoolean(), expected <= bound + 0.012);
        Assert.Equal("computes", o.GetProperty("stages")[0].GetProperty("stage").GetString());
    }

    [Fact]
    public async Task PlanOptimize_EmitModel_WritesTheWaveModel()
    {
        var file = Path.Combine(Path.GetTempPath(), $"escalator-model-{Guid.NewGuid():N}.json");
        try
        {
            var (code, _, _) = await Cli.RunAsync("plan", "scenarios/ha/rolling-computes.yaml", "--optimize", "--emit-model", file);

            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var stage = doc.RootElement.GetProperty("stages")[0];
            Assert.Equal(12, stage.GetProperty("hosts").GetArrayLength());
            Assert.All(stage.GetProperty("hosts").EnumerateArray(), h => Assert.True(h.GetProperty("seconds").GetDouble() > 0));
            Assert.Contains(stage.GetProperty("limits").EnumerateArray(), l => l.GetProperty("name").GetString() == "vepc-mme");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Plan_InvalidInput_PrintsNoPlanAndExitsTwo()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("plan", "scenarios/ha/rolling-computes.yaml", "scenarios/ha/topology.yaml");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("error", stderr);
    }
}
