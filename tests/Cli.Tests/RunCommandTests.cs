using System.Text.Json;

namespace Escalator.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-run-cli-").FullName;

    [Fact]
    public async Task Run_SafeCampaignOnTheSimulatedBackend_CompletesAndLogsJsonLines()
    {
        var log = Path.Combine(_dir, "run.jsonl");

        var (code, stdout, stderr) = await Cli.RunAsync("run", "scenarios/ha/rolling-computes.yaml", "--log", log);

        Assert.True(code == 0, stderr);
        Assert.Contains("run completed: rolling-computes completed: 92 steps run, 0 already done", stdout);
        var lines = File.ReadAllLines(log);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
        var last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal("completed", last.GetProperty("outcome").GetString());
        Assert.Equal("rolling-computes", last.GetProperty("campaign").GetString());
    }

    [Fact]
    public async Task Run_OsCloudMissingFromCloudsYaml_ExitTwoNamingTheCloudAndFile()
    {
        var clouds = Path.Combine(_dir, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, "clouds:\n  lab:\n    auth: {auth_url: 'http://127.0.0.1:9/v3', username: u, password: p, project_name: p}\n");

        var (code, _, stderr) = await Cli.RunAsync("run", "scenarios/minimal/rolling-computes.yaml", "--os-cloud", "prod", "--clouds-yaml", clouds);

        Assert.Equal(2, code);
        Assert.Contains("prod", stderr);
        Assert.Contains(clouds, stderr);
    }

    [Fact]
    public async Task Run_OsCloudWithoutActions_ExitTwoAskingForTheUpgradeCommand()
    {
        var clouds = Path.Combine(_dir, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, "clouds:\n  lab:\n    auth: {auth_url: 'http://127.0.0.1:9/v3', username: u, password: p, project_name: p}\n");

        var (code, _, stderr) = await Cli.RunAsync("run", "scenarios/minimal/rolling-computes.yaml", "--os-cloud", "lab", "--clouds-yaml", clouds);

        Assert.Equal(2, code);
        Assert.Contains("a run on a live cloud needs the commands that upgrade a host: --actions FILE", stderr);
    }

    [Fact]
    public async Task Run_OsCloudAndAPlanAwaitingVnfmReplies_ExitTwoPointingAtServe()
    {
        var clouds = Path.Combine(_dir, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, "clouds:\n  lab:\n    auth: {auth_url: 'http://127.0.0.1:9/v3', username: u, password: p, project_name: p}\n");
        var actions = Path.Combine(_dir, "actions.yaml");
        await File.WriteAllTextAsync(actions, "upgrade: ./upgrade {host}\n");

        var (code, _, stderr) = await Cli.RunAsync("run", "scenarios/minimal/rolling-computes.yaml", "--os-cloud", "lab", "--clouds-yaml", clouds,
            "--actions", actions);

        Assert.Equal(2, code);
        Assert.Contains("the plan waits for replies from the VNFMs of vping", stderr);
        Assert.Contains("escalator serve", stderr);
    }

    [Fact]
    public async Task Run_UnsafePlan_RefusesWithExitFourAndNamesTheViolation()
    {
        var (code, stdout, _) = await Cli.RunAsync("run", "scenarios/minimal/topology.yaml", "scenarios/minimal/unsafe-both-computes.yaml");

        Assert.Equal(4, code);
        Assert.Contains("refused: the plan is not proved safe (UNSAFE:", stdout);
    }

    [Fact]
    public async Task Run_UnsafePlanWithOverride_RunsAndLogsTheOverride()
    {
        var (code, stdout, _) = await Cli.RunAsync("run", "scenarios/minimal/topology.yaml", "scenarios/minimal/unsafe-both-computes.yaml", "--override-verdict");

        // It runs, and meets what the solver said: vping-1 has nowhere to go, so its host fails and the campaign rolls back.
        Assert.Equal(5, code);
        Assert.Contains("verdict override: running a plan not proved safe (UNSAFE:", stdout);
        Assert.Contains("live migration of vping-1 failed: No valid host was found", stdout);
        Assert.Contains("rolled back", stdout);
    }

    [Fact]
    public async Task Run_SameJournalTwice_SecondRunHasNothingToDo()
    {
        var journal = Path.Combine(_dir, "journal.db");
        await Cli.RunAsync("run", "scenarios/minimal/rolling-computes.yaml", "--journal", journal);

        var (code, stdout, _) = await Cli.RunAsync("run", "scenarios/minimal/rolling-computes.yaml", "--journal", journal);

        Assert.Equal(0, code);
        Assert.Contains("has ended already (completed); nothing to do", stdout);
    }

    [Fact]
    public async Task Run_SuspendWithoutJournal_ExplainsAndExitsTwo()
    {
        var (code, _, stderr) = await Cli.RunAsync("run", "scenarios/minimal/rolling-computes.yaml", "--suspend");

        Assert.Equal(2, code);
        Assert.Contains("--suspend needs the running campaign's journal: --journal FILE", stderr);
    }

    [Fact]
    public async Task Run_JournalThatIsNotAJournal_ExplainsAndExitsTwo()
    {
        var bogus = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(bogus, "these are not the droids");

        var (code, _, stderr) = await Cli.RunAsync("run", "scenarios/minimal/rolling-computes.yaml", "--journal", bogus);

        Assert.Equal(2, code);
        Assert.Contains($"cannot use '{bogus}' as Escalator's journal", stderr);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
