using System.Text.Json;
using System.Text.RegularExpressions;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;
using Escalator.Solver.Reports;

namespace Escalator.Cli.Tests;

public sealed partial class VerifyJsonTests
{
    [Fact]
    public async Task Verify_HaUnsafeNoRackLimitJson_MatchesGoldenFile()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/unsafe-no-rack-limit.yaml", "--format", "json");

        Assert.Equal(1, code);
        Golden.AssertMatches("ha-unsafe-no-rack-limit.verify.json", Normalise(stdout));
    }

    [Fact]
    public async Task Verify_UnsafeJson_ListsEveryViolationWithItsCodeAndLocation()
    {
        var (_, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/unsafe-no-rack-limit.yaml", "--format", "json");

        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("format").GetInt32());
        Assert.Equal("unsafe", root.GetProperty("verdict").GetString());
        Assert.Equal("unsafe-no-rack-limit", root.GetProperty("campaign").GetString());
        Assert.Equal(2, root.GetProperty("waves").GetInt32());
        Assert.False(root.TryGetProperty("reason", out _));
        var violations = root.GetProperty("violations").EnumerateArray().ToList();
        Assert.Equal(["ESC-R1", "ESC-R1", "ESC-R2", "ESC-R2", "ESC-R1", "ESC-R1"], violations.Select(v => v.GetProperty("code").GetString()));
        Assert.Equal("switchover first", violations[2].GetProperty("invariant").GetString());
        Assert.Equal([false, true, false, false, false, false], violations.Select(v => v.GetProperty("intrinsic").GetBoolean()));
        var location = violations[2].GetProperty("location");
        Assert.Equal("scenarios/ha/unsafe-no-rack-limit.yaml", location.GetProperty("file").GetString());
        Assert.Equal(35, location.GetProperty("line").GetInt32());
        Assert.Equal(8, root.GetProperty("checked").GetProperty("ESC-R1").GetInt32());
        Assert.True(root.GetProperty("solver").GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Verify_SafeJson_HasNoViolationsAndNoReason()
    {
        var (code, stdout, _) = await Cli.RunAsync("verify", "scenarios/ha/rolling-computes.yaml", "--format", "json");

        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(0, code);
        Assert.Equal("safe", root.GetProperty("verdict").GetString());
        Assert.Equal(0, root.GetProperty("violations").GetArrayLength());
        Assert.False(root.TryGetProperty("reason", out _));
        Assert.EndsWith("}\n", stdout);
    }

    [Fact]
    public void Write_UnknownVerdict_GivesTheReason()
    {
        var report = VerifyReports.Of("scenarios/ha/rolling-computes.yaml", r => r with { Verdict = new Verdict.Unknown("timeout after 1ms") });

        using var doc = JsonDocument.Parse(VerifyJson.Write(report));

        Assert.Equal("unknown", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("timeout after 1ms", doc.RootElement.GetProperty("reason").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetArrayLength());
    }

    [Fact]
    public void Write_Redirect_GivesEveryFieldAndNullForNoPlannedDestination()
    {
        Redirect redirect = new(4, new InstanceId("fw-1"), new VnfId("vfw"), new HostId("cmp-02"), null, new HostId("cmp-08"));
        var report = VerifyReports.Of("scenarios/ha/rolling-computes.yaml", r => r with { Redirects = [redirect] });

        using var doc = JsonDocument.Parse(VerifyJson.Write(report));

        var written = doc.RootElement.GetProperty("redirects").EnumerateArray().Single();
        Assert.Equal(4, written.GetProperty("wave").GetInt32());
        Assert.Equal("fw-1", written.GetProperty("instance").GetString());
        Assert.Equal("vfw", written.GetProperty("vnf").GetString());
        Assert.Equal("cmp-02", written.GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("planned").ValueKind);
        Assert.Equal("cmp-08", written.GetProperty("to").GetString());
    }

    /// <summary>The solver's wall-clock time is the one value that changes between runs.</summary>
    private static string Normalise(string json) => SolveTime().Replace(json, "\"seconds\": 0");

    [GeneratedRegex(@"""seconds"": [0-9.eE+-]+")]
    private static partial Regex SolveTime();
}
