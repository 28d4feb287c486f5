using System.Net;
using System.Text.Json.Nodes;
using Escalator.LiveBackend.Coordination;
using Escalator.LiveBackend.Tests.OpenStack;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.Coordination;

/// <summary>Notices POSTed to a stub VNFM (which may answer through the mailbox as the reply API would), on a clock that moves
/// only when the test moves it: the notice's shape, the reply, and each way a notice gets no reply.</summary>
public sealed partial class WebhookVnfmTests : IDisposable
{
    private const string Endpoint = "http://vnfm.test/notices";

    private const string Topology = """
        name: dc
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - name: r1
                    hosts:
                      - {name: 'cmp-[1-2]', roles: [compute], capacity: {vcpu: 16, ramGiB: 64, diskGiB: 500}}
        vnfs:
          - name: mme
            flavor: {vcpu: 1, ramGiB: 1}
            redundancy: {model: active-standby, active: mme-1}
            antiAffinity: host
            migration: live
            maintenance: {coordinated: true, replyTimeout: 20s, actions: [switchover, live-migrate, own-action], project: p-1, endpoint: 'http://vnfm.test/notices'}
            instances:
              - {name: mme-1, host: cmp-1}
              - {name: mme-2, host: cmp-2}
          - name: quick
            flavor: {vcpu: 1, ramGiB: 1}
            redundancy: none
            maintenance: {coordinated: true, replyTimeout: 5s, actions: [migrate], project: p-2, endpoint: 'http://vnfm.test/notices'}
            instances:
              - {name: quick-1, host: cmp-1}
          - name: orphan
            flavor: {vcpu: 1, ramGiB: 1}
            redundancy: none
            maintenance: {coordinated: true, replyTimeout: 20s}
            instances:
              - {name: orphan-1, host: cmp-1}
          - name: relative
            flavor: {vcpu: 1, ramGiB: 1}
            redundancy: none
            maintenance: {coordinated: true, replyTimeout: 20s, endpoint: 'http://replaced.test/by/Load'}
            instances:
              - {name: relative-1, host: cmp-2}
        """;

    private static readonly DataCentre DataCentre = Load();

    /// <summary>A clock on which no timer fires until the test advances it.</summary>
    private readonly InstantTime _time = new(InstantTime.Start, TimeSpan.Zero);
    private readonly VnfmMailbox _mailbox = new();
    private readonly Vnfm _vnfm = new();
    private readonly HttpClient _http;

    /// <summary>Bounds what should end by itself, so a hang fails the test rather than stalling the run.</summary>
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(30));

    public WebhookVnfmTests() => _http = new HttpClient(_vnfm);

    private WebhookVnfm Coordinator(string replyBase = "https://escalator.test/v1/maintenance/") =>
        new(DataCentre, _http, _mailbox, new Uri(replyBase), _time);

    private static VnfmNotice Notice(string vnf = "mme", bool waitReply = true, FenixEvent fenix = FenixEvent.PrepareMaintenance, string? action = null) =>
        new("run-1", new VnfId(vnf), fenix, [new InstanceId($"{vnf}-1")], new HostId("cmp-1"), waitReply, action);

    [Fact]
    public async Task NotifyAsync_VnfmAcks_PostsTheFenixNoticeAndGivesTheReply()
    {
        _vnfm.Answer = _ =>
        {
            _vnfm.Deliveries.Add(_mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_PREPARE_MAINTENANCE", "p-1", AnyProject: false, "ready")));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        };

        var reply = await Coordinator().NotifyAsync(Notice(action: "switchover"), _bound.Token);

        Assert.Equal(new VnfmReply(VnfmAnswer.Ack, "ready"), reply);
        Assert.Equal([Delivery.Accepted], _vnfm.Deliveries);
        var (method, url, body) = Assert.Single(_vnfm.Posts);
        Assert.Equal((HttpMethod.Post, Endpoint), (method, url.AbsoluteUri));
        Assert.Equal("maintenance.scheduled", body["event_type"]!.GetValue<string>());
        var expected = JsonNode.Parse("""
            {"service": "escalator", "session_id": "run-1", "project_id": "p-1", "vnf_id": "mme", "state": "PREPARE_MAINTENANCE",
             "instance_ids": ["mme-1"], "host": "cmp-1", "allowed_actions": ["SWITCHOVER", "LIVE_MIGRATE", "OWN_ACTION"],
             "instance_action": "SWITCHOVER", "actions_at": "2026-11-22T12:00:00.0000000+00:00",
             "reply_url": "https://escalator.test/v1/maintenance/run-1/mme", "reply_at": "2026-11-22T12:00:20.0000000+00:00"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body["payload"]), body["payload"]!.ToJsonString());
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_VnfmNacks_Nack()
    {
        _vnfm.Answer = _ =>
        {
            _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "NACK_PREPARE_MAINTENANCE", "p-1", AnyProject: false, "no standby"));
            return new HttpResponseMessage(HttpStatusCode.OK);
        };

        var reply = await Coordinator().NotifyAsync(Notice(), _bound.Token);

        Assert.Equal(new VnfmReply(VnfmAnswer.Nack, "no standby"), reply);
    }

    [Theory]
    [InlineData("https://escalator.test/v1/maintenance/")]
    [InlineData("https://escalator.test/v1/maintenance")]
    public async Task NotifyAsync_ReplyUrl_UnderTheBaseWithOrWithoutItsSlash(string replyBase)
    {
        var notice = Notice(waitReply: true) with { Campaign = "run 1/b" };
        _vnfm.Answer = _ =>
        {
            _mailbox.Deliver(new VnfmReplyMessage("run 1/b", "mme", "ACK_PREPARE_MAINTENANCE", "p-1", AnyProject: false));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        };

        await Coordinator(replyBase).NotifyAsync(notice, _bound.Token);

        var payload = Assert.Single(_vnfm.Posts).Body["payload"]!;
        Assert.Equal("https://escalator.test/v1/maintenance/run%201%2Fb/mme", payload["reply_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task NotifyAsync_NoReplyWanted_SentWithoutReplyUrlOrWait()
    {
        var reply = await Coordinator().NotifyAsync(Notice(waitReply: false, fenix: FenixEvent.MaintenanceComplete), _bound.Token);

        Assert.Equal(new VnfmReply(VnfmAnswer.Sent), reply);
        var payload = Assert.Single(_vnfm.Posts).Body["payload"]!;
        Assert.Equal("MAINTENANCE_COMPLETE", payload["state"]!.GetValue<string>());
        Assert.Null(payload["reply_url"]);
        Assert.Null(payload["reply_at"]);
        Assert.Null(payload["instance_action"]);
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_VnfWithoutEndpoint_NackSayingSoWithoutPosting()
    {
        var reply = await Coordinator().NotifyAsync(Notice("orphan"), _bound.Token);

        Assert.Equal(new VnfmReply(VnfmAnswer.Nack, "orphan is coordinated but the topology gives no coordination.endpoint to notify"), reply);
        Assert.Empty(_vnfm.Posts);
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_EndpointNotAnHttpUrl_NackRatherThanAnException()
    {
        var reply = await Coordinator().NotifyAsync(Notice("relative"), _bound.Token);

        Assert.Equal(new VnfmReply(VnfmAnswer.Nack, "relative's coordination.endpoint 'vnfm.test/notices' is not an http or https URL"), reply);
        Assert.Empty(_vnfm.Posts);
    }

    private static DataCentre Load()
    {
        var loaded = TopologyLoader.Parse("topology.yaml", Topology);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics));
        // The loader refuses an endpoint that is not an http(s) URL; a topology built in code may still carry one.
        var dc = loaded.Value!;
        var relative = dc.Vnfs.Single(v => v.Id.Name == "relative");
        return dc with { Vnfs = dc.Vnfs.Replace(relative, relative with { Coordination = relative.Coordination with { Endpoint = "vnfm.test/notices" } }) };
    }

    public void Dispose()
    {
        _http.Dispose();
        _bound.Dispose();
    }

    /// <summary>A VNFM's webhook: records each POST with its JSON body and answers with <see cref="Answer"/> (null: never, until
    /// cancelled); by default 202 Accepted with no reply.</summary>
    private sealed class Vnfm : HttpMessageHandler
    {
        private readonly Lock _gate = new();
        private readonly List<(HttpMethod Method, Uri Url, JsonNode Body)> _posts = [];

        public Func<(HttpMethod Method, Uri Url, JsonNode Body), HttpResponseMessage?> Answer { get; set; } =
            _ => new HttpResponseMessage(HttpStatusCode.Accepted);

        private readonly SemaphoreSlim _arrivals = new(0);

        public List<Delivery> Deliveries { get; } = [];

        public IReadOnlyList<(HttpMethod Method, Uri Url, JsonNode Body)> Posts
        {
            get
            {
                lock (_gate) return [.. _posts];
            }
        }

        /// <summary>Waits for the next POST to have arrived (in the order they came).</summary>
        public Task ArrivedAsync(CancellationToken cancellationToken) => _arrivals.WaitAsync(cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _arrivals.Dispose();
            base.Dispose(disposing);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            var post = (request.Method, request.RequestUri!, body);
            lock (_gate) _posts.Add(post);
            _arrivals.Release();
            if (Answer(post) is { } response) return response;
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("a cancelled delay returned");
        }
    }
}
