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
    public async Task Plan_InvalidInput_PrintsNoPlanAndExitsTwo()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("plan", "scenarios/ha/rolling-computes.yaml", "scenarios/ha/topology.yaml");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("error", stderr);
    }
}
