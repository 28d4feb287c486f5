using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary><c>escalator serve --backend openstack</c> as a real process on the real test cloud: callers authenticated by
/// the cloud's Keystone or a local key, a campaign submitted and run, the VNFM replying at the API with its project's token.</summary>
[Trait("Category", "Live")]
[Collection(LiveCloudGroup.Name)]
public sealed class LiveServeTests(LiveCloud cloud) : IAsyncLifetime
{
    private const string OperatorKey = "live-operator-key";

    [Fact]
    public async Task Serve_OpenStackBackend_RejectsCallsWithoutAValidTokenAndRunsASubmittedCampaignWithTheVnfm()
    {
        var nova = cloud.Connection.Nova;
        await using var servers = await LiveServers.StartAsync(cloud.Connection);
        var group = await servers.CreateGroupAsync(LiveCloud.UniqueName("pair"), "anti-affinity");
        var as1 = await servers.BootAsync("as1", "cmp-2", group.Id);
        var as2 = await servers.BootAsync("as2", "cmp-3", group.Id);
        using var demo = CloudConnection.Open(cloud.Config! with { ProjectName = "demo", ProjectId = null }, TimeProvider.System);
        var demoToken = await demo.Session.GetTokenAsync();
        await using var vnfm = await ScriptedVnfm.StartAsync();
        vnfm.Token = demoToken.Value;
        var topology = $$"""
            name: live-serve
            {{LiveRun.Hosts}}
            vnfs:
              - name: pair
                flavor: {vcpu: 1, ramGiB: 0.0625, diskGiB: 1}
                redundancy: {model: active-standby, active: {{as1.Name}}}
                antiAffinity: host
                migration: live
                switchover: 50ms
                maintenance: {coordinated: true, replyTimeout: 20s, actions: [switchover, migrate], project: {{demoToken.ProjectId}}, endpoint: '{{vnfm.Notices}}'}
                instances:
                  - {name: {{as1.Name}}, host: cmp-2}
                  - {name: {{as2.Name}}, host: cmp-3}
            """;
        var campaign = LiveRun.Rolling("live-serve",
            "{action: enter-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}",
            "{action: notify, event: PREPARE_MAINTENANCE, waitReply: true, expected: 1s, timeout: 30s, onTimeout: abort}",
            "{action: switchover, expected: 1s, timeout: 30s, onTimeout: abort}",
            "{action: evacuate, mode: live, expected: 6s, timeout: 2m, onTimeout: abort}",
            "{action: upgrade, expected: 1s, timeout: 1m, onTimeout: abort}",
            "{action: leave-maintenance, expected: 1s, timeout: 1m, onTimeout: retry}",
            "{action: notify, event: MAINTENANCE_COMPLETE, expected: 1s, timeout: 20s, onTimeout: skip}");
        using var run = new LiveRun(topology, campaign, "upgrade: echo upgrading {host} >> upgraded.log\n");
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OperatorKey)));
        File.WriteAllText(Path.Combine(run.Directory, "keys.yaml"), $"keys:\n  - {{name: ops, sha256: {sha}, roles: [escalator-operator]}}\n");
        using var serve = EscalatorProcess.Start(run.Directory, "serve", "--listen", "http://127.0.0.1:0", "--state", Path.Combine(run.Directory, "state"),
            "--keys", "keys.yaml", "--operator-role", "escalator-operator", "--os-cloud", LiveCloud.CloudName, "--clouds-yaml", cloud.CloudsYaml,
            "--backend", "openstack", "--actions", "actions.yaml");
        var listening = await serve.WaitForLineAsync(l => l.Contains("listening on ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var api = new Uri(listening.Split("listening on ")[1].Split(' ')[0] + "/");
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(5) };

        using var anonymous = await http.GetAsync("v1/campaigns");
        using var bogus = await Send(http, HttpMethod.Get, "v1/campaigns", "not-a-token");
        using var demoCannotSubmit = await Send(http, HttpMethod.Post, "v1/campaigns", demoToken.Value, Submission(run));
        using var submitted = await Send(http, HttpMethod.Post, "v1/campaigns", OperatorKey, Submission(run));
        using var events = await Send(http, HttpMethod.Get, "v1/campaigns/live-serve/events", demoToken.Value);
        var stream = await events.Content.ReadAsStringAsync();
        using var status = await Send(http, HttpMethod.Get, "v1/campaigns/live-serve", demoToken.Value);
        var table = (await status.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Keystone", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, demoCannotSubmit.StatusCode);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        Assert.True(table["state"]?.GetValue<string>() == "completed", $"{table}\n{stream}\n{serve.Output}");
        Assert.Contains("\"action\":\"run\",\"outcome\":\"completed\"", stream.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotEmpty(vnfm.ReplyStatuses);
        Assert.All(vnfm.ReplyStatuses, s => Assert.Equal(200, s));
        Assert.Contains(vnfm.Received, n => n["state"]?.GetValue<string>() == "PLANNED_MAINTENANCE");
        var after = (await nova.ListServersAsync()).ToDictionary(s => s.Id);
        Assert.NotEqual(after[as1.Id].Host, after[as2.Id].Host);
        Assert.All(await nova.ListComputeServicesAsync(), s => Assert.True(s.Enabled, $"{s.Host}: {s.DisabledReason}"));
    }

    private static JsonObject Submission(LiveRun run) => new()
    {
        ["topology"] = File.ReadAllText(Path.Combine(run.Directory, "topology.yaml")),
        ["campaign"] = File.ReadAllText(Path.Combine(run.Directory, "campaign.yaml")),
    };

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string token, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Auth-Token", token);
        return http.SendAsync(request);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => LiveRunTests.EnableComputesAsync(cloud.Connection.Nova);
}
