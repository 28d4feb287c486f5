using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary>Campaigns run by the executor on the real test cloud (Nova with the fake live-migrating driver, about 5 s a
/// live migration), with a scripted VNFM answering by webhook.</summary>
[Trait("Category", "Live")]
[Collection(LiveCloudGroup.Name)]
public sealed class LiveRunTests(LiveCloud cloud) : IAsyncLifetime
{
    private const string Tiny = "flavor: {vcpu: 1, ramGiB: 0.0625, diskGiB: 1}";

    private static readonly string[] FullProcedure =
    [
        "{action: enter-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}",
        "{action: notify, event: PREPARE_MAINTENANCE, waitReply: true, expected: 1s, timeout: 30s, onTimeout: abort}",
        "{action: switchover, expected: 1s, timeout: 30s, onTimeout: abort}",
        "{action: evacuate, mode: live, expected: 6s, timeout: 2m, onTimeout: abort}",
        "{action: upgrade, expected: 1s, timeout: 1m, onTimeout: abort}",
        "{action: verify, checks: [upgraded], expected: 1s, timeout: 1m, onTimeout: abort}",
        "{action: leave-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}",
        "{action: notify, event: MAINTENANCE_COMPLETE, expected: 1s, timeout: 20s, onTimeout: skip}",
    ];

    private const string Actions = """
        upgrade: echo upgrading {host} to {components} >> upgraded.log
        verify: test -s upgraded.log
        """;

    private NovaClient Nova => cloud.Connection.Nova;

    [Fact]
    public async Task Run_RollingOverTheComputes_UpgradesEveryHostKeepsEveryServerAndTalksToTheVnfm()
    {
        await using var servers = await LiveServers.StartAsync(cloud.Connection);
        await using var vnfm = await ScriptedVnfm.StartAsync();
        vnfm.Project = "vnf-project";
        var spread = await servers.CreateGroupAsync(LiveCloud.UniqueName("aa"), "anti-affinity");
        var pairGroup = await servers.CreateGroupAsync(LiveCloud.UniqueName("as"), "anti-affinity");
        var aa1 = await servers.BootAsync("aa1", "cmp-1", spread.Id);
        var aa2 = await servers.BootAsync("aa2", "cmp-2", spread.Id);
        var as1 = await servers.BootAsync("as1", "cmp-2", pairGroup.Id);
        var as2 = await servers.BootAsync("as2", "cmp-3", pairGroup.Id);
        var topology = $$"""
            name: live-rolling
            {{LiveRun.Hosts}}
            vnfs:
              - name: spread
                {{Tiny}}
                redundancy: {model: n+m, minActive: 1}
                antiAffinity: host
                migration: live
                instances:
                  - {name: {{aa1.Name}}, host: cmp-1}
                  - {name: {{aa2.Name}}, host: cmp-2}
              - name: pair
                {{Tiny}}
                redundancy: {model: active-standby, active: {{as1.Name}}}
                antiAffinity: host
                migration: live
                switchover: 50ms
                maintenance: {coordinated: true, replyTimeout: 20s, actions: [switchover, migrate], project: vnf-project, endpoint: '{{vnfm.Notices}}'}
                instances:
                  - {name: {{as1.Name}}, host: cmp-2}
                  - {name: {{as2.Name}}, host: cmp-3}
            """;
        using var run = new LiveRun(topology, LiveRun.Rolling("live-rolling", FullProcedure), Actions);
        var runId = LiveCloud.UniqueName("run");

        var result = run.Run(cloud.Connection, vnfm, runId);

        Assert.True(result.State == RunState.Completed, $"{result.State} {result.Refusal} {string.Join("; ", result.Failures)}\n{Log(run)}");
        var upgraded = File.ReadAllLines(Path.Combine(run.Directory, "upgraded.log"));
        Assert.Equal(["upgrading cmp-1 to host-os=12.6.0", "upgrading cmp-2 to host-os=12.6.0", "upgrading cmp-3 to host-os=12.6.0"], upgraded.Order());
        var after = (await Nova.ListServersAsync()).ToDictionary(s => s.Id);
        foreach (var server in new[] { aa1, aa2, as1, as2 })
        {
            Assert.True(after.TryGetValue(server.Id, out var now), $"{server.Name} is gone");
            Assert.Equal("ACTIVE", now.Status);
            Assert.Contains(now.Host, new[] { "cmp-1", "cmp-2", "cmp-3" });
        }
        Assert.NotEqual(after[aa1.Id].Host, after[aa2.Id].Host);
        Assert.NotEqual(after[as1.Id].Host, after[as2.Id].Host);
        Assert.All(await Nova.ListComputeServicesAsync(), s => Assert.True(s.Enabled, $"{s.Host} is still disabled: {s.DisabledReason}"));
        var states = vnfm.Received.Select(n => $"{n["state"]}{(n["instance_action"] is { } a ? $":{a}" : "")}").ToList();
        Assert.Contains("PREPARE_MAINTENANCE", states);
        Assert.Contains("PLANNED_MAINTENANCE:SWITCHOVER", states);
        Assert.Contains("MAINTENANCE_COMPLETE", states);
        Assert.All(vnfm.Received, n => Assert.Equal("vnf-project", n["project_id"]?.GetValue<string>()));
        using var journal = CampaignJournal.Open(run.JournalPath, TimeProvider.System);
        var entries = journal.Entries(runId);
        Assert.All(entries, e => Assert.NotNull(e.Outcome));
        Assert.Equal(3, entries.Count(e => e.Action == "Upgrade" && e.Outcome == ActionOutcome.Ok));
        Assert.Empty(journal.StillDisabled(runId));
    }

    [Fact]
    public async Task Run_LiveMigrationOutlastsItsTimeout_AbortsTheMigrationAndTheCampaignAsThePolicySays()
    {
        await using var servers = await LiveServers.StartAsync(cloud.Connection);
        await using var vnfm = await ScriptedVnfm.StartAsync();
        var vm = await servers.BootAsync("slow", "cmp-1");
        var topology = $$"""
            name: live-slow
            {{LiveRun.Hosts}}
            vnfs:
              - name: slow
                {{Tiny}}
                redundancy: none
                migration: live
                instances:
                  - {name: {{vm.Name}}, host: cmp-1}
            """;
        var campaign = LiveRun.Rolling("live-slow",
            "{action: enter-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}",
            "{action: evacuate, mode: live, expected: 1s, timeout: 2s, onTimeout: abort}",
            "{action: upgrade, expected: 1s, timeout: 1m, onTimeout: abort}",
            "{action: leave-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}");
        using var run = new LiveRun(topology, campaign, Actions);

        var result = run.Run(cloud.Connection, vnfm, LiveCloud.UniqueName("run"));

        Assert.True(result.State == RunState.Aborted, $"{result.State} {result.Refusal}\n{Log(run)}");
        Assert.True(run.Events.Any(e => e.Action == "Evacuate" && e.Outcome == "timed-out" && e.Code == "ESC-X11"), Log(run));
        Assert.True(run.Events.Any(e => e.Action == "Evacuate" && e.Outcome == "aborted"), Log(run));
        var record = await Nova.WaitForMigrationAsync(vm.Id, "live-migration", null, LiveCloud.StepTimeout, LiveCloud.PollInterval);
        Assert.Equal("cancelled", record.Status);
        var now = await Nova.WaitForServerAsync(vm.Id, ["ACTIVE"], LiveCloud.StepTimeout, LiveCloud.PollInterval);
        Assert.Equal("cmp-1", now.Host);
        Assert.All(await Nova.ListComputeServicesAsync(), s => Assert.True(s.Enabled, $"{s.Host} is still disabled: {s.DisabledReason}"));
        var log = Path.Combine(run.Directory, "upgraded.log");
        Assert.DoesNotContain("upgrading cmp-1 ", File.Exists(log) ? File.ReadAllText(log) : "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AHostDisabledBySomeoneElse_RefusesToStartAndSaysWhoAndWhy()
    {
        await using var vnfm = await ScriptedVnfm.StartAsync();
        var cmp3 = Assert.Single(await Nova.ListComputeServicesAsync("cmp-3"));
        await Nova.SetServiceStatusAsync(cmp3.Id, enabled: false, "ops: hardware check");
        try
        {
            using var run = new LiveRun($"name: live-refused\n{LiveRun.Hosts}\n", LiveRun.Rolling("live-refused", FullProcedure[0], FullProcedure[4]), Actions);

            var result = run.Run(cloud.Connection, vnfm, LiveCloud.UniqueName("run"));

            Assert.True(result.Refused, $"{result.State}\n{Log(run)}");
            Assert.Contains("the host cmp-3 is disabled by someone else (ops: hardware check)", result.Refusal);
            Assert.Contains(run.Events, e => e.Code == "ESC-X02");
            Assert.False(File.Exists(Path.Combine(run.Directory, "upgraded.log")));
            var services = await Nova.ListComputeServicesAsync();
            Assert.All(services.Where(s => s.Host != "cmp-3"), s => Assert.True(s.Enabled));
            Assert.Equal("ops: hardware check", Assert.Single(services, s => s.Host == "cmp-3").DisabledReason);
        }
        finally
        {
            await Nova.SetServiceStatusAsync(cmp3.Id, enabled: true);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A failed run leaves its host disabled, as it should; the next test needs every compute back.</summary>
    public Task DisposeAsync() => EnableComputesAsync(Nova);

    internal static async Task EnableComputesAsync(NovaClient nova)
    {
        foreach (var service in await nova.ListComputeServicesAsync())
        {
            if (service.DisabledReason?.StartsWith(ExecutionOptions.ReasonPrefix, StringComparison.Ordinal) == true)
            {
                await nova.SetServiceStatusAsync(service.Id, enabled: true);
            }
        }
    }

    private static string Log(LiveRun run)
    {
        lock (run.Events) return string.Join("\n", run.Events.Select(EventLog.Plain));
    }
}
