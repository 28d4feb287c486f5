using System.Text.Json;
using Escalator.Cli.Reports;
using Escalator.Solver.Invariants;

namespace Escalator.Cli.Tests;

public sealed class VerifySarifTests
{
    private const string Campaign = "scenarios/ha/unsafe-no-rack-limit.yaml";

    [Fact]
    public async Task Verify_HaUnsafeNoRackLimitSarif_MatchesGoldenFile()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", Campaign, "--format", "sarif");

        Assert.Equal(1, code);
        Golden.AssertMatches("ha-unsafe-no-rack-limit.verify.sarif", stdout);
    }

    [Fact]
    public async Task Verify_UnsafeSarif_HasTheRequiredSkeletonAndOneRulePerInvariant()
    {
        var (_, stdout, _) = await Cli.RunAsync("verify", Campaign, "--format", "sarif");

        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        var run = root.GetProperty("runs").EnumerateArray().Single();
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("escalator", driver.GetProperty("name").GetString());
        Assert.DoesNotContain("+", driver.GetProperty("version").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(Invariant.All.Select(i => i.Code), rules.Select(r => r.GetProperty("id").GetString()));
        // Every rule is an error but ESC-T0, a warning about the data centre rather than the plan.
        Assert.All(rules, r => Assert.Equal(r.GetProperty("id").GetString() == "ESC-T0" ? "warning" : "error",
            r.GetProperty("defaultConfiguration").GetProperty("level").GetString()));
        Assert.All(rules, r => Assert.DoesNotContain(" ", r.GetProperty("name").GetString()));
        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Equal(
            r.GetProperty("ruleId").GetString(),
            rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString()));
        Assert.StartsWith("wave 1: ", results[0].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Verify_UnsafeSarif_PointsEachResultAtItsCampaignNode()
    {
        var lines = await File.ReadAllLinesAsync(Repo.Path(Campaign.Split('/')));

        var (_, stdout, _) = await Cli.RunAsync("verify", Campaign, "--format", "sarif");

        using var doc = JsonDocument.Parse(stdout);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var path = result.GetProperty("properties").GetProperty("campaignPath").GetString()!;
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var region = location.GetProperty("region");
            var key = path switch
            {
                "stages[0].strategy" => "strategy",
                "procedures.reboot-in-place" => "reboot-in-place",
                _ => throw new Xunit.Sdk.XunitException($"no expected line for the campaign path '{path}'"),
            };
            Assert.Equal(Campaign, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(ValueStart(lines, key), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()));
        }
    }

    [Fact]
    public async Task Verify_AbsoluteCampaignPathInsideWorkingDirectory_GivesRelativeUri()
    {
        var (_, stdout, _) = await Cli.RunAsync("verify", Repo.Path(Campaign.Split('/')), "--format", "sarif");

        using var doc = JsonDocument.Parse(stdout);
        var uris = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .Distinct();
        Assert.Equal([Campaign], uris);
    }

    [Fact]
    public async Task Verify_SafeSarif_HasEmptyResults()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--format", "sarif");

        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(0, code);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal(JsonValueKind.Array, run.GetProperty("results").ValueKind);
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Write_UnknownVerdict_HasNoResultsAndAFailedInvocationWithTheReason()
    {
        var report = VerifyReports.Of("scenarios/ha/rolling-computes.yaml", r => r with { Verdict = new Verdict.Unknown("timeout after 1ms") });

        using var doc = JsonDocument.Parse(VerifySarif.Write(report, Repo.Root));

        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.False(run.TryGetProperty("results", out _));
        var invocation = run.GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Contains("timeout after 1ms", invocation.GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void ArtifactUri_FileOutsideWorkingDirectory_GivesAbsoluteFileUri()
    {
        var outside = Path.Combine(Path.GetDirectoryName(Repo.Root.TrimEnd(Path.DirectorySeparatorChar))!, "elsewhere", "c.yaml");

        var uri = VerifySarif.ArtifactUri(outside, Repo.Root);

        Assert.StartsWith("file:///", uri);
        Assert.EndsWith("/elsewhere/c.yaml", uri);
    }

    [Fact]
    public void ArtifactUri_RelativeNameWithSpace_GivesEscapedForwardSlashUri()
    {
        var uri = VerifySarif.ArtifactUri(Path.Combine("my campaigns", "c.yaml"), Repo.Root);

        Assert.Equal("my%20campaigns/c.yaml", uri);
    }

    /// <summary>Where the value of the block key <paramref name="key"/> starts: the first non-blank of the next line, 1-based.</summary>
    private static (int Line, int Column) ValueStart(string[] lines, string key)
    {
        var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        Assert.True(at >= 0, $"no key '{key}' in the campaign");
        var next = lines[at + 1];
        return (at + 2, next.Length - next.TrimStart().Length + 1);
    }
}
