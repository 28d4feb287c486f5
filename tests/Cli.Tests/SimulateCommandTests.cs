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
        Assert.Contains("no run broke a redundancy, quorum, capacity or move-once invariant, nor lost a VM", stdout);
        Assert.Contains("not simulated: stage order and version windows (ESC-O1, ESC-O2)", stdout);
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
        Assert.Contains("wave 1: capacity of vping-1", stdout);
    }

    [Fact]
    public async Task Simulate_BreachesOnlyAfterFaults_ReportsThemAsRiskAndExitsZero()
    {
        // The control-plane campaign where one reboot in twenty leaves a host down and three failed hosts are tolerated: a
        // member that does not come back, then the next member's upgrade, takes a cluster below its quorum.
        var campaign = Path.Combine(Path.GetTempPath(), $"escalator-faulty-{Guid.NewGuid():N}.yaml");
        var text = File.ReadAllText(Repo.Path("scenarios", "ha", "control-plane.yaml"))
            .Replace("recovery: {retries: 1, rollback: graceful, maxFailures: 1}", "recovery: {retries: 1, rollback: graceful, maxFailures: 3}", StringComparison.Ordinal);
        File.WriteAllText(campaign, text + "\nsimulation:\n  faults: {hostNotBack: 0.05}\n");
        try
        {
            var (code, stdout, _) = await Cli.RunAsync("simulate", "scenarios/ha/topology.yaml", campaign, "--runs", "200", "--seed", "1");

            Assert.Equal(0, code);
            Assert.Matches(@"invariant breaches in [1-9]\d* of 200 run\(s\), 0 of them without any fault:", stdout);
            Assert.Contains("quorum of galera", stdout);
        }
        finally
        {
            File.Delete(campaign);
        }
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

    [Fact]
    public async Task Simulate_Expected_OneFaultFreeRunAtExpectedDurations()
    {
        var (code, stdout, _) = await Cli.RunAsync("simulate", "scenarios/ha/rolling-computes.yaml", "--expected");

        Assert.Equal(0, code);
        Assert.StartsWith("rolling-computes on ha: 1 run at expected durations, faults off;", stdout);
        // Two switchovers of exactly 3 s each.
        Assert.Matches(@"vepc-mme\s+10 s\s+6 s\s+6 s\s+6 s\s+2\s+3 s", stdout);
    }

    [Fact]
    public async Task Simulate_FailOnBudget_ExitsOneForAVnfOverItsBudget()
    {
        string[] args = ["simulate", "scenarios/minimal/topology-pinned.yaml", "scenarios/minimal/unsafe-pinned-vnf.yaml", "--runs", "10", "--no-faults"];

        var gate = await Cli.RunAsync([.. args, "--fail-on", "budget"]);
        var plain = await Cli.RunAsync(args);

        // vping-1 cannot leave and reboots with its host: its budget breaks, and so does redundancy (a VNF that tolerates no
        // loss is interrupted longer than its budget allows one interruption, the solver's ESC-R1), which fails any run.
        Assert.Equal(1, gate.Code);
        Assert.Equal(1, plain.Code);
        Assert.Contains("vping-1 (vping) was interrupted for", plain.Out);
        Assert.Contains("OVER each VNF within its own budget at p95: not vping", gate.Out);
    }

    [Fact]
    public async Task Simulate_UnknownFailOn_ExitsTwo()
    {
        var (code, _, stderr) = await Cli.RunAsync("simulate", "scenarios/ha/rolling-computes.yaml", "--fail-on", "budgets");

        Assert.Equal(2, code);
        Assert.Contains("--fail-on expects budget, breach or budget,breach; found 'budgets'", stderr);
    }
}
