namespace Escalator.Cli.Tests;

public sealed class VerifyCommandTests
{
    [Fact]
    public async Task Verify_SafeCampaign_ExitsZero()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith("SAFE:", stdout);
    }

    [Fact]
    public async Task Verify_UnsafeCampaign_ExitsOne()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("verify", "scenarios/ha/topology.yaml", "scenarios/ha/unsafe-no-rack-limit.yaml");

        Assert.Equal(1, code);
        Assert.Equal("", stderr);
        Assert.StartsWith("UNSAFE:", stdout);
    }

    [Fact]
    public async Task Verify_BrokenCampaign_ExitsTwoWithDiagnosticAndNoVerdict()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("verify", "scenarios/broken/stage-cycle.yaml");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("ESC-V05", stderr);
    }

    [Fact]
    public async Task Verify_BadTimeout_ExitsTwoNamingTheValue()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--timeout", "forever");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--timeout", stderr);
        Assert.Contains("'forever'", stderr);
    }

    [Fact]
    public async Task Verify_UnknownFormat_ExitsTwo()
    {
        var (code, _, stderr) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--format", "xml");

        Assert.Equal(2, code);
        Assert.Contains("xml", stderr);
    }

    [Fact]
    public async Task Verify_EmitSmt2_WritesCommentedScriptWithCheckSat()
    {
        var file = Path.Combine(Path.GetTempPath(), $"escalator-verify-{Guid.NewGuid():N}.smt2");
        try
        {
            var (code, _, stderr) = await Cli.RunAsync("verify", "scenarios/ha/unsafe-no-rack-limit.yaml", "--emit-smt2", file);

            Assert.Equal(1, code);
            Assert.Equal("", stderr);
            var smt2 = await File.ReadAllTextAsync(file);
            Assert.StartsWith(";", smt2);
            Assert.Contains("(check-sat)", smt2);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Verify_EmitSmt2ToUnwritablePath_ExitsTwoNamingThePath()
    {
        const string file = "/nonexistent/dir/x.smt2";

        var (code, stdout, stderr) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--emit-smt2", file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(file, stderr);
    }

    [Fact]
    public async Task Verify_StricterConfidence_TwoSwitchoversOverTheBudget()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--confidence", "99.9%");

        // At p99.9 each 3 s switchover (log-normal, cv 0.3) reaches about 7.1 s: two no longer fit vepc-mme's 10 s.
        Assert.Equal(1, code);
        Assert.Contains("budgets at p99.9", stdout);
        Assert.Contains("vepc-mme is out 2 time(s)", stdout);
        Assert.Contains("(ESC-R3)", stdout);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0.3")]
    [InlineData("sure")]
    public async Task Verify_UnusableConfidence_ExitsTwoNamingTheValue(string value)
    {
        var (code, _, stderr) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--confidence", value);

        Assert.Equal(2, code);
        Assert.Contains($"--confidence expects a probability from 0.5 up to (not including) 1, such as 0.95 or 99%; found '{value}'", stderr);
    }

    [Fact]
    public async Task Verify_TolerateOneOnTheControlPlane_CounterexamplesInWordsAndJson()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/control-plane.yaml", "--tolerate", "1");
        var (jsonCode, json, _) = await Cli.RunAsync("verify", "scenarios/ha/control-plane.yaml", "--tolerate", "1", "--format", "json");

        Assert.Equal(1, code);
        Assert.Contains("tolerating 1 of each failure", stdout);
        Assert.Matches(@"wave 1: if ctl-\d fails in wave 1, while ctl-1 is out, galera keeps 1 of 3 members and loses quorum \(a majority needs 2\) \(ESC-T1\)", stdout);
        Assert.Contains("exposure (planned time without the margin it has at rest): ", stdout);
        Assert.Equal(1, jsonCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("tolerated").GetProperty("hostFailures").GetInt32());
        Assert.Contains(doc.RootElement.GetProperty("violations").EnumerateArray(), v => v.GetProperty("code").GetString() == "ESC-T1");
        Assert.NotEqual(0, doc.RootElement.GetProperty("exposure").GetArrayLength());
    }

    [Fact]
    public async Task Verify_NegativeTolerate_ExitsTwoNamingTheValue()
    {
        var (code, _, stderr) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--tolerate", "-1");

        Assert.Equal(2, code);
        Assert.Contains("--tolerate expects a count of failures from 0; found '-1'", stderr);
    }
}
