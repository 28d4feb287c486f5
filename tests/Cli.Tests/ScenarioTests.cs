namespace Escalator.Cli.Tests;

/// <summary>Every bundled scenario validates; every deliberately broken file fails with the codes it is meant to show.</summary>
public sealed class ScenarioTests
{
    public static TheoryData<string> Campaigns() => [.. ScenarioFiles().Where(f => !IsTopology(f))];

    public static TheoryData<string> Topologies() => [.. ScenarioFiles().Where(IsTopology)];

    public static TheoryData<string, string> BrokenFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var group in ExpectedBroken().GroupBy(e => e.File))
        {
            data.Add(group.Key, string.Join(",", group.Select(e => e.Code).Order(StringComparer.Ordinal)));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Campaigns))]
    public async Task Validate_BundledCampaign_ExitsZero(string campaign)
    {
        var (code, _, stderr) = await Cli.RunAsync("validate", campaign);

        Assert.True(code == 0, $"{campaign}: exit {code}\n{stderr}");
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public async Task Validate_BundledTopology_ExitsZero(string topology)
    {
        var (code, _, stderr) = await Cli.RunAsync("validate", topology);

        Assert.True(code == 0, $"{topology}: exit {code}\n{stderr}");
    }

    [Theory]
    [MemberData(nameof(Campaigns))]
    public async Task Plan_BundledCampaign_PrintsWaves(string campaign)
    {
        var (code, stdout, stderr) = await Cli.RunAsync("plan", campaign);

        Assert.True(code == 0, $"{campaign}: exit {code}\n{stderr}");
        Assert.Contains("Wave 1 |", stdout);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Validate_BrokenFile_ExitsTwoWithItsCodes(string file, string codes)
    {
        var (code, _, stderr) = await Cli.RunAsync("validate", file);

        Assert.Equal(2, code);
        foreach (var expected in codes.Split(','))
        {
            Assert.Contains($"error {expected}:", stderr);
        }
        Assert.DoesNotContain("internal error", stderr);
        Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1),
            line => Assert.Matches(@"^(\S+:\d+:\d+: )?(error|warning) ESC-[PV]\d\d: ", line));
    }

    [Fact]
    public void Scenarios_EachFolder_HasReadmeAndSafeAndRejectableExamples()
    {
        foreach (var dir in Directory.GetDirectories(Repo.Path("scenarios")))
        {
            Assert.True(File.Exists(Path.Combine(dir, "README.md")), $"{dir} has no README.md");
        }
        foreach (var name in new[] { "minimal", "ha", "multisite", "universe" })
        {
            var files = Directory.GetFiles(Repo.Path("scenarios", name), "*.yaml").Select(Path.GetFileName).ToList();
            Assert.Contains("topology.yaml", files);
            Assert.Contains(files, f => f!.StartsWith("unsafe", StringComparison.Ordinal));
            Assert.Contains(files, f => f != "topology.yaml" && !f!.StartsWith("unsafe", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> ScenarioFiles() =>
        Directory.GetFiles(Repo.Path("scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("scenarios/broken/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static bool IsTopology(string file) =>
        File.ReadLines(Repo.Path(file)).Any(l => l.StartsWith("sites:", StringComparison.Ordinal));

    private static IEnumerable<(string File, string Code)> ExpectedBroken() =>
        File.ReadLines(Repo.Path("scenarios", "broken", "expected.txt"))
            .Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split(':', 2))
            .Select(p => ($"scenarios/broken/{p[0].Trim()}", p[1].Trim()));
}
