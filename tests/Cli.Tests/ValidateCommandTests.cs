namespace Escalator.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_HaRollingCampaign_ExitsZeroWithSummary()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("validate", "scenarios/ha/topology.yaml", "scenarios/ha/rolling-computes.yaml");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("ok: topology 'ha' (15 hosts", stdout);
        Assert.Contains("campaign 'rolling-computes'", stdout);
    }

    [Fact]
    public async Task Validate_CampaignNamingItsTopology_FindsTopologyBesideIt()
    {
        var (code, stdout, _) = await Cli.RunAsync("validate", "scenarios/ha/rolling-computes.yaml");

        Assert.Equal(0, code);
        Assert.Contains("topology 'ha'", stdout);
    }

    [Fact]
    public async Task Validate_TopologyAlone_ChecksIt()
    {
        var (code, stdout, _) = await Cli.RunAsync("validate", "scenarios/ha/topology.yaml");

        Assert.Equal(0, code);
        Assert.StartsWith("ok: topology 'ha'", stdout);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwoNamingTheFile()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("validate", "scenarios/ha/topology.yaml", "no/such/campaign.yaml");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("error ESC-P07: cannot read the file 'no/such/campaign.yaml': it does not exist", stderr);
    }

    [Fact]
    public async Task Validate_BrokenCampaign_PrintsPositionedDiagnosticsAndExitsTwo()
    {
        var dir = Directory.CreateTempSubdirectory("escalator-cli-");
        var campaign = Path.Combine(dir.FullName, "bad.yaml");
        var text = File.ReadAllText(Repo.Path("scenarios", "ha", "rolling-computes.yaml"))
            .Replace("rolling: {maxUnavailable: 1}", "rolling: {maxUnavaliable: 1}", StringComparison.Ordinal)
            .Replace("libvirt: 9.0.0", "libvirt: 9.0", StringComparison.Ordinal);
        File.WriteAllText(campaign, text);

        var (code, _, stderr) = await Cli.RunAsync("validate", "scenarios/ha/topology.yaml", campaign);

        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{campaign}:", StringComparison.Ordinal)
            && l.Contains("error ESC-V01: targets.libvirt: expected a semantic version", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("error ESC-P02: stages[0].strategy.rolling.maxUnavaliable: unknown key 'maxUnavaliable'; did you mean 'maxUnavailable'?", StringComparison.Ordinal));
        Assert.Equal("2 error(s), 0 warning(s)", lines[^1]);
    }

    [Fact]
    public async Task Validate_CampaignWithoutTopologyAlone_ExitsTwoAndSaysWhatToGive()
    {
        var dir = Directory.CreateTempSubdirectory("escalator-cli-");
        var campaign = Path.Combine(dir.FullName, "c.yaml");
        File.WriteAllText(campaign, File.ReadAllText(Repo.Path("scenarios", "ha", "rolling-computes.yaml"))
            .Replace("topology: topology.yaml", "", StringComparison.Ordinal));

        var (code, _, stderr) = await Cli.RunAsync("validate", campaign);

        Assert.Equal(2, code);
        Assert.Contains("does not name its topology", stderr);
    }
}
