using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary><c>escalator run</c> on the real test cloud, killed mid-campaign (SIGKILL) and run again.</summary>
[Trait("Category", "Live")]
[Collection(LiveCloudGroup.Name)]
public sealed class LiveResumeTests(LiveCloud cloud) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Run_KilledMidCampaign_ResumesToTheEndWithoutRedoingFinishedWork()
    {
        var nova = cloud.Connection.Nova;
        await using var servers = await LiveServers.StartAsync(cloud.Connection);
        var group = await servers.CreateGroupAsync(LiveCloud.UniqueName("spread"), "anti-affinity");
        var a = await servers.BootAsync("a", "cmp-1", group.Id);
        var b = await servers.BootAsync("b", "cmp-2", group.Id);
        var topology = $$"""
            name: live-resume
            {{LiveRun.Hosts}}
            vnfs:
              - name: spread
                flavor: {vcpu: 1, ramGiB: 0.0625, diskGiB: 1}
                redundancy: {model: n+m, minActive: 1}
                antiAffinity: host
                migration: live
                instances:
                  - {name: {{a.Name}}, host: cmp-1}
                  - {name: {{b.Name}}, host: cmp-2}
            """;
        var campaign = LiveRun.Rolling("live-resume",
            "{action: enter-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}",
            "{action: evacuate, mode: live, expected: 6s, timeout: 2m, onTimeout: abort}",
            "{action: upgrade, expected: 1s, timeout: 1m, onTimeout: abort}",
            "{action: verify, checks: [upgraded], expected: 1s, timeout: 1m, onTimeout: abort}",
            "{action: leave-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}");
        using var run = new LiveRun(topology, campaign, "upgrade: echo upgrading {host} >> upgraded.log\n");
        string[] arguments = ["run", "topology.yaml", "campaign.yaml", "--os-cloud", LiveCloud.CloudName, "--clouds-yaml", cloud.CloudsYaml,
            "--actions", "actions.yaml", "--journal", run.JournalPath];

        string[] before;
        using (var first = EscalatorProcess.Start(run.Directory, arguments))
        {
            await first.WaitForLineAsync(l => l.Contains(" Upgrade ok", StringComparison.Ordinal), Bound);
            first.Kill();
            before = File.ReadAllLines(Path.Combine(run.Directory, "upgraded.log"));
        }
        using var second = EscalatorProcess.Start(run.Directory, arguments);
        var exit = await second.ExitCodeAsync(Bound);

        Assert.True(exit == 0, second.Output);
        Assert.Contains("resumed", second.Output, StringComparison.Ordinal);
        var upgraded = File.ReadAllLines(Path.Combine(run.Directory, "upgraded.log"));
        Assert.Equal(["cmp-1", "cmp-2", "cmp-3"], upgraded.Select(l => l.Split(' ')[1]).Distinct().Order());
        Assert.All(before, line => Assert.Single(upgraded, line));
        using var journal = CampaignJournal.Open(run.JournalPath, TimeProvider.System);
        Assert.Equal(RunState.Completed, journal.StateOfRun("live-resume"));
        Assert.Empty(journal.InFlight("live-resume"));
        Assert.Empty(journal.StillDisabled("live-resume"));
        var after = (await nova.ListServersAsync()).ToDictionary(s => s.Id);
        Assert.Equal("ACTIVE", after[a.Id].Status);
        Assert.Equal("ACTIVE", after[b.Id].Status);
        Assert.NotEqual(after[a.Id].Host, after[b.Id].Host);
        Assert.All(await nova.ListComputeServicesAsync(), s => Assert.True(s.Enabled, $"{s.Host}: {s.DisabledReason}"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => LiveRunTests.EnableComputesAsync(cloud.Connection.Nova);
}
