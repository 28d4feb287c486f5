using System.Text.Json;

namespace Escalator.Cli.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_SafeScenarioWithoutFaults_SummarisesAndExitsZero()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("simulate", "scenarios/ha/rolling-computes.yaml", "--runs", "40", "--no-faults");

        Assert.Equal(0, code);
        Assert.StartsWith("rolling-computes on ha: 40 run(s), seed 1, faults off; 12 wave(s)", stdout);
        Assert.Contains("vepc-mme", stdout);
        Assert.Contains("no run broke a redundancy, quorum or capacity invariant", stdout);
        Assert.Contains("simulating rolling-computes: 40/40", stderr);
    }

    [Fact]
    public async Task Simulate_SameSeedAnyParallelism_SameOutput()
    {
        var one = await Cli.RunAsync("simulate", "scenarios/ha/rolling-computes.yaml", "--runs", "60", "--seed", "9", "--parallel", "1");
        var two = await Cli.RunAsync("simulate", "scenarios/ha/rolling-computes.yaml", "--runs", "60", "--seed", "9", "--parallel", "2");

        Assert.Equal(one.Out, two.Out);
    }

    [Fact]
    public async Task Simulate_UnsafeScenario_ShowsTheBreachAndExitsOne()
    {
        var (code, stdout, _) = await Cli.RunAsync("simulate", "scenarios/minimal/topology.yaml", "scenarios/minimal/unsafe-both-computes.yaml",
            "--runs", "10", "--no-faults");

        Assert.Equal(1, code);
        Assert.Contains("invariant breaches in 10 of 10 run(s), 10 of them without any fault:", stdout);
        Assert.Contains("wave 1: redundancy of vping", stdout);
    }

    [Fact]
    public async Task Simulate_BreachesOnlyAfterFaults_ReportsThemAsRiskAndExitsZero()
    {
        var (code, stdout, _) = await Cli.RunAsync("simulate", "scenarios/ha/rolling-computes.yaml", "--runs", "200", "--seed", "1");

        Assert.Equal(0, code);
        Assert.Matches(@"invariant breaches in [1-9]\d* of 200 run\(s\), 0 of them without any fault:", stdout);
    }

    [Fact]
    public async Task Simulate_Report_WritesJsonCsvAndHtml()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"escalator-report-{Guid.NewGuid():N}");
        try
        {
            var (code, stdout, _) = await Cli.RunAsync("simulate", "scenarios/universe/parallel-universe.yaml", "--runs", "20", "--report", dir);

            Assert.Equal(0, code);
            Assert.Contains($"report: {Path.Combine(dir, "report.html")}", stdout);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(20, json.RootElement.GetProperty("runDetails").GetArrayLength());
            Assert.True(json.RootElement.GetProperty("extraHostHours").GetProperty("mean").GetDouble() > 0);
            Assert.Equal(21, File.ReadAllLines(Path.Combine(dir, "runs.csv")).Length);
            Assert.Contains("id=\"report-data\"", File.ReadAllText(Path.Combine(dir, "report.html")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--runs", "0", "--runs expects a number of runs between 1 and 1000000; found 0")]
    [InlineData("--parallel", "0", "--parallel expects a number between 1 and 1024; found 0")]
    public async Task Simulate_OutOfRangeOption_ExitsTwoNamingIt(string option, string value, string message)
    {
        var (code, stdout, stderr) = await Cli.RunAsync("simulate", "scenarios/ha/rolling-computes.yaml", option, value);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task Compare_TwoStrategies_SideBySide()
    {
        var (code, stdout, _) = await Cli.RunAsync("compare", "scenarios/ha/topology.yaml", "scenarios/ha/rolling-computes.yaml",
            "scenarios/ha/canary.yaml", "--runs", "20");

        Assert.Equal(0, code);
        var header = stdout.Split('\n')[2];
        Assert.Contains("rolling-computes", header);
        Assert.Contains("canary", header);
        Assert.Matches(@"strategy\s+rolling\s+canary", stdout);
        Assert.Contains("outage vepc-mme mean / p95", stdout);
    }

    [Fact]
    public async Task Compare_OneCampaign_ExitsTwo()
    {
        var (code, _, stderr) = await Cli.RunAsync("compare", "scenarios/ha/topology.yaml", "scenarios/ha/rolling-computes.yaml");

        Assert.Equal(2, code);
        Assert.Contains("compare needs at least two campaigns", stderr);
    }
}
