using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Escalator.Cli.Reports;
using Escalator.Solver.Invariants;

namespace Escalator.Cli.Tests;

public sealed partial class VerifyJUnitTests
{
    [Fact]
    public async Task Verify_HaUnsafeNoRackLimitJUnit_MatchesGoldenFile()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/unsafe-no-rack-limit.yaml", "--format", "junit");

        Assert.Equal(1, code);
        Golden.AssertMatches("ha-unsafe-no-rack-limit.verify.junit.xml", Normalise(stdout));
    }

    [Fact]
    public async Task Verify_UnsafeJUnit_FailsTheBrokenInvariantsAndListsTheRest()
    {
        var (_, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/unsafe-no-rack-limit.yaml", "--format", "junit");

        var suite = XDocument.Parse(stdout).Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        var failures = cases.SelectMany(c => c.Elements("failure")).ToList();
        Assert.Equal("escalator verify scenarios/ha/unsafe-no-rack-limit.yaml", (string?)suite.Attribute("name"));
        Assert.Equal(Invariant.All.Select(i => $"escalator.{i.Code}"), cases.Select(c => (string?)c.Attribute("classname")));
        Assert.Equal(Invariant.All.Length.ToString(CultureInfo.InvariantCulture), (string?)suite.Attribute("tests"));
        Assert.Equal("2", (string?)suite.Attribute("failures"));
        Assert.Equal(["ESC-R1", "ESC-R2"], failures.Select(f => (string?)f.Attribute("type")));
        var r1 = failures[0].Value.Split('\n');
        Assert.Equal(4, r1.Length);
        Assert.All(r1, line => Assert.StartsWith("scenarios/ha/unsafe-no-rack-limit.yaml:31:", line));
    }

    [Fact]
    public async Task Verify_SafeJUnit_PassesEveryInvariant()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--format", "junit");

        var suite = XDocument.Parse(stdout).Root!.Element("testsuite")!;
        Assert.Equal(0, code);
        Assert.Equal(Invariant.All.Length, suite.Elements("testcase").Count());
        Assert.Equal("0", (string?)suite.Attribute("failures"));
        Assert.Empty(suite.Descendants("failure"));
    }

    [Fact]
    public void Write_UnknownVerdict_GivesOneTestCaseInError()
    {
        var report = VerifyReports.Of("scenarios/ha/rolling-computes.yaml", r => r with { Verdict = new Verdict.Unknown("timeout after 1ms") });

        var suite = XDocument.Parse(VerifyJUnit.Write(report)).Root!.Element("testsuite")!;

        var only = Assert.Single(suite.Elements("testcase"));
        Assert.Equal("1", (string?)suite.Attribute("errors"));
        Assert.Equal("0", (string?)suite.Attribute("failures"));
        Assert.Contains("timeout after 1ms", (string?)only.Element("error")!.Attribute("message"));
    }

    /// <summary>The solver's wall-clock time is the one value that changes between runs.</summary>
    private static string Normalise(string xml) => SolveTime().Replace(xml, "time=\"0.000\"");

    [GeneratedRegex(@"time=""[0-9.]+""")]
    private static partial Regex SolveTime();
}
