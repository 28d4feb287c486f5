using System.Text.RegularExpressions;

namespace Escalator.Cli.Tests;

public sealed partial class VerifyTextTests
{
    [Fact]
    public async Task Verify_HaUnsafeNoRackLimitText_MatchesGoldenFile()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/unsafe-no-rack-limit.yaml");

        Assert.Equal(1, code);
        Golden.AssertMatches("ha-unsafe-no-rack-limit.verify.txt", Normalise(stdout));
    }

    [Fact]
    public async Task Verify_HaRollingComputesText_MatchesGoldenFile()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml");

        Assert.Equal(0, code);
        Golden.AssertMatches("ha-rolling-computes.verify.txt", Normalise(stdout));
    }

    [Fact]
    public async Task Verify_UnsafeText_PointsEachViolationAtTheCampaignLine()
    {
        var (_, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/unsafe-no-rack-limit.yaml");

        var violations = stdout.Split('\n').Count(l => l.StartsWith("  wave ", StringComparison.Ordinal));
        var locations = stdout.Split('\n').Count(l => l.StartsWith("      at scenarios/ha/unsafe-no-rack-limit.yaml:", StringComparison.Ordinal));
        Assert.Equal(6, violations);
        Assert.Equal(violations, locations);
    }

    /// <summary>The solver's wall-clock time is the one value that changes between runs.</summary>
    private static string Normalise(string text) => SolveTime().Replace(text, "constraints, 0.00s");

    [GeneratedRegex(@"constraints, \d+\.\d+s")]
    private static partial Regex SolveTime();
}
