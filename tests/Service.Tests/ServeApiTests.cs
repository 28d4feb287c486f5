using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Escalator.Service.Tests;

public sealed class ServeApiTests(ServeFixture fixture) : IClassFixture<ServeFixture>
{
    private const string Topology = "scenarios/minimal/topology.yaml";
    private const string Safe = "scenarios/minimal/rolling-computes.yaml";

    private ServeServer Server => fixture.Server;

    [Fact]
    public async Task Get_NoToken_401WithChallenge()
    {
        using var client = Server.Client(null);

        var response = await client.GetAsync("/v1/campaigns");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("X-Auth-Token realm=\"escalator\"", response.Headers.WwwAuthenticate.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unauthorized", body.GetProperty("code").GetString());
        Assert.Contains("X-Auth-Token", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Get_UnknownKey_401()
    {
        using var client = Server.Client("not-a-key-of-ours");

        var response = await client.GetAsync("/v1/campaigns/anything");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_ReaderKey_403AndNothingRuns()
    {
        using var reader = Server.Client(ServeKeys.ReaderKey);

        var response = await ServeServer.SubmitAsync(reader, Topology, Safe, runId: "reader-tries");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs the role 'admin'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v1/campaigns/reader-tries")).StatusCode);
    }

    [Fact]
    public async Task Submit_SafeMinimalCampaign_CompletesWithStatusTableAndReplayableEvents()
    {
        using var ops = Server.Client(ServeKeys.OperatorKey);
        using var reader = Server.Client(ServeKeys.ReaderKey);

        var submitted = await ServeServer.SubmitAsync(ops, Topology, Safe, runId: "minimal-1");
        var events = await EventStream.ReadAsync(reader, "minimal-1");

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal("/v1/campaigns/minimal-1", submitted.Headers.Location?.OriginalString);
        Assert.Equal("SAFE", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetString());
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Id));
        Assert.Equal("run started", events[0].Event.Outcome());
        Assert.Equal("run completed", events[^1].Event.Outcome());
        Assert.All(events, e => Assert.Equal("minimal-1", e.Event.GetProperty("campaign").GetString()));
        var status = await reader.GetFromJsonAsync<JsonElement>("/v1/campaigns/minimal-1");
        Assert.Equal(("completed", false, 2, 2), (status.GetProperty("state").GetString(), status.GetProperty("active").GetBoolean(),
            status.GetProperty("currentWave").GetInt32(), status.GetProperty("waves").GetInt32()));
        Assert.Equal((13, 13, 0), (status.GetProperty("steps").GetInt32(), status.GetProperty("stepsDone").GetInt32(), status.GetProperty("stepsFailed").GetInt32()));
        Assert.Empty(status.GetProperty("failures").EnumerateArray());
        Assert.Equal(events.Count, status.GetProperty("events").GetInt32());
        var targets = status.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(["cmp-2 LeaveMaintenance ok 5/5", "cmp-1 Notify ok 8/8"], targets.Select(t =>
            $"{t.GetProperty("target").GetString()} {t.GetProperty("action").GetString()} {t.GetProperty("outcome").GetString()} "
            + $"{t.GetProperty("stepsDone").GetInt32()}/{t.GetProperty("steps").GetInt32()}"));
        var vping = Assert.Single(status.GetProperty("vnfs").EnumerateArray());
        Assert.Equal(("vping", "functest"), (vping.GetProperty("vnf").GetString(), vping.GetProperty("project").GetString()));
        Assert.Equal("vping-1 cmp-1", string.Join(",", vping.GetProperty("instances").EnumerateArray()
            .Select(i => $"{i.GetProperty("instance").GetString()} {i.GetProperty("host").GetString()}")));
        Assert.Empty(vping.GetProperty("awaiting").EnumerateArray());
        var keystone = status.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("service").GetString() == "keystone");
        Assert.Equal((1, 0, 0), (keystone.GetProperty("members").GetInt32(), keystone.GetProperty("planned").GetInt32(), keystone.GetProperty("done").GetInt32()));
        var listed = (await reader.GetFromJsonAsync<JsonElement>("/v1/campaigns")).GetProperty("runs").EnumerateArray()
            .Single(r => r.GetProperty("run").GetString() == "minimal-1");
        Assert.Equal(("completed", "simulated:minimal"), (listed.GetProperty("state").GetString(), listed.GetProperty("cloud").GetString()));
        var tail = await EventStream.ReadAsync(reader, "minimal-1", lastEventId: events.Count - 2);
        Assert.Equal(events.Skip(events.Count - 2).Select(e => e.Id), tail.Select(e => e.Id));
        var again = await ServeServer.SubmitAsync(ops, Topology, Safe, runId: "minimal-1");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("run-exists", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_UnsafeCampaign_409WithTheVerdictAndNoRun()
    {
        using var ops = Server.Client(ServeKeys.OperatorKey);

        var response = await ServeServer.SubmitAsync(ops, Topology, "scenarios/minimal/unsafe-both-computes.yaml", runId: "unsafe-1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unsafe", body.GetProperty("code").GetString());
        Assert.StartsWith("the plan is not proved safe (UNSAFE: ", body.GetProperty("error").GetString());
        var verdict = body.GetProperty("verdict");
        Assert.Equal("unsafe", verdict.GetProperty("verdict").GetString());
        Assert.NotEmpty(verdict.GetProperty("violations").EnumerateArray());
        Assert.Equal("campaign", verdict.GetProperty("violations")[0].GetProperty("location").GetProperty("file").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync("/v1/campaigns/unsafe-1")).StatusCode);
    }

    [Fact]
    public async Task Submit_UnsafeCampaignWithOverride_RunsAndLogsTheOverride()
    {
        using var ops = Server.Client(ServeKeys.OperatorKey);

        var response = await ServeServer.SubmitAsync(ops, Topology, "scenarios/minimal/unsafe-both-computes.yaml", runId: "unsafe-override", overrideVerdict: true);
        var events = await EventStream.ReadAsync(ops, "unsafe-override");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(events, e => e.Event.Outcome() == "verdict override");
    }

    [Fact]
    public async Task Submit_TopologyWithMisspeltKey_400NamingFileLineAndField()
    {
        using var ops = Server.Client(ServeKeys.OperatorKey);
        var topology = File.ReadAllText(Repo.Path(Topology)).Replace("    redundancy: none", "    redundancy: none\n    antiAfinity: host", StringComparison.Ordinal);

        var response = await ops.PostAsJsonAsync("/v1/campaigns", new { topology, campaign = File.ReadAllText(Repo.Path(Safe)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-input", body.GetProperty("code").GetString());
        var problem = Assert.Single(body.GetProperty("diagnostics").EnumerateArray());
        var line = File.ReadAllLines(Repo.Path(Topology)).ToList().FindIndex(l => l == "    redundancy: none") + 2;
        Assert.Equal(("topology", line, "vnfs[0].antiAfinity", "ESC-P02"), (problem.GetProperty("file").GetString(), problem.GetProperty("line").GetInt32(),
            problem.GetProperty("path").GetString(), problem.GetProperty("code").GetString()));
        Assert.Contains("did you mean 'antiAffinity'?", problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Submit_BodyThatIsNotTheExpectedJson_400NamingTheField()
    {
        using var ops = Server.Client(ServeKeys.OperatorKey);

        var response = await ops.PostAsJsonAsync("/v1/campaigns", new { topology = "a", campaign = "b", overideVerdict = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-request", body.GetProperty("code").GetString());
        Assert.Contains("overideVerdict", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Reply_FromTheWrongProject_403()
    {
        await CompletedRunAsync("replies-1");
        using var stranger = Server.Client(ServeKeys.StrangerKey);

        var response = await stranger.PutAsJsonAsync("/v1/maintenance/replies-1/vping", new { state = "ACK_PREPARE_MAINTENANCE" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("project 'functest'; the caller's is 'other'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Reply_NothingAwaited_409_NotAReply_400_UnknownRun_404()
    {
        await CompletedRunAsync("replies-2");
        using var vnfm = Server.Client(ServeKeys.VnfmKey);

        var notAwaited = await vnfm.PutAsJsonAsync("/v1/maintenance/replies-2/vping", new { state = "ACK_PREPARE_MAINTENANCE" });
        var notAReply = await vnfm.PutAsJsonAsync("/v1/maintenance/replies-2/vping", new { state = "HELLO" });
        var unknownRun = await vnfm.PutAsJsonAsync("/v1/maintenance/no-such-run/vping", new { state = "ACK_PREPARE_MAINTENANCE" });

        Assert.Equal((HttpStatusCode.Conflict, "not-awaited"), (notAwaited.StatusCode, await Code(notAwaited)));
        Assert.Equal((HttpStatusCode.BadRequest, "not-a-reply"), (notAReply.StatusCode, await Code(notAReply)));
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknownRun.StatusCode, await Code(unknownRun)));
    }

    [Fact]
    public async Task Reply_AwaitedFromItsProject_200AndTheWaitGetsTheAck()
    {
        await CompletedRunAsync("replies-3");
        using var vnfm = Server.Client(ServeKeys.VnfmKey);
        using var waiting = Server.Host.Service.Mailbox.Expect("replies-3", new("vping"), "functest", Model.Campaigns.FenixEvent.PrepareMaintenance);
        var status = await vnfm.GetFromJsonAsync<JsonElement>("/v1/campaigns/replies-3");

        var wrongEvent = await vnfm.PostAsJsonAsync("/v1/maintenance/replies-3/vping", new { state = "ACK_SCALE_IN" });
        var accepted = await vnfm.PostAsJsonAsync("/v1/maintenance/replies-3/vping", new { state = "ack_prepare_maintenance", detail = "ready" });
        var reply = await waiting.ReplyAsync(CancellationToken.None);

        Assert.Equal("PREPARE_MAINTENANCE", status.GetProperty("vnfs")[0].GetProperty("awaiting")[0].GetString());
        Assert.Equal((HttpStatusCode.Conflict, "wrong-event"), (wrongEvent.StatusCode, await Code(wrongEvent)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal((LiveBackend.Coordination.VnfmAnswer.Ack, "ready"), (reply.Answer, reply.Detail));
    }

    [Fact]
    public async Task ReplyBase_ResolvedWithRunAndVnf_IsTheReplyEndpoint()
    {
        await CompletedRunAsync("replies-4");
        using var vnfm = Server.Client(ServeKeys.VnfmKey);

        var url = new Uri(Server.Host.ReplyBase, "replies-4/vping");
        var response = await vnfm.PutAsJsonAsync(url, new { state = "ACK_PREPARE_MAINTENANCE" });

        Assert.Equal($"{Server.Host.Address.AbsoluteUri}v1/maintenance/replies-4/vping", url.AbsoluteUri);
        Assert.Equal((HttpStatusCode.Conflict, "not-awaited"), (response.StatusCode, await Code(response)));
    }

    [Fact]
    public async Task Reply_BodyOverTheLimit_413()
    {
        using var vnfm = Server.Client(ServeKeys.VnfmKey);

        var response = await vnfm.PutAsJsonAsync("/v1/maintenance/any/vping", new { state = "ACK_MAINTENANCE", detail = new string('x', 100_000) });

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "too-large"), (response.StatusCode, await Code(response)));
    }

    [Fact]
    public async Task Get_UnknownEndpoint_404AfterAuthentication()
    {
        using var anonymous = Server.Client(null);
        using var reader = Server.Client(ServeKeys.ReaderKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v2/anything")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v2/anything")).StatusCode);
    }

    private async Task CompletedRunAsync(string run)
    {
        using var ops = Server.Client(ServeKeys.OperatorKey);
        Assert.Equal(HttpStatusCode.Accepted, (await ServeServer.SubmitAsync(ops, Topology, Safe, runId: run)).StatusCode);
        Assert.Equal("run completed", (await EventStream.ReadAsync(ops, run))[^1].Event.Outcome());
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
