using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Escalator.Service.Tests;

/// <summary>Runs that are controlled while they run, outlive the service, and report to webhooks; each test has its own server.</summary>
public sealed class ServeLifecycleTests
{
    private const string Topology = "scenarios/minimal/topology.yaml";
    private const string Safe = "scenarios/minimal/rolling-computes.yaml";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Suspend_WhileRunning_StopsResumableThenResumeCompletes()
    {
        using var gate = new Gate();
        await using var server = await ServeServer.StartAsync(engines: _ => gate.Engine());
        using var ops = await SubmitToTheGateAsync(server, gate, "pause-1");

        var suspend = await ops.PostAsync("/v1/campaigns/pause-1/suspend", null);
        gate.Open();
        var first = await EventStream.ReadAsync(ops, "pause-1");
        var suspended = await ops.GetFromJsonAsync<JsonElement>("/v1/campaigns/pause-1");
        var resume = await ops.PostAsync("/v1/campaigns/pause-1/resume", null);
        var rest = await EventStream.ReadAsync(ops, "pause-1", lastEventId: first[^1].Id);

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal("run suspended", first[^1].Event.Outcome());
        Assert.Equal("suspended", suspended.GetProperty("state").GetString());
        Assert.True(suspended.GetProperty("stepsDone").GetInt32() < suspended.GetProperty("steps").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(("run resumed", "run completed"), (rest[0].Event.Outcome(), rest[^1].Event.Outcome()));
        Assert.Equal(first[^1].Id + 1, rest[0].Id);
        var done = await ops.GetFromJsonAsync<JsonElement>("/v1/campaigns/pause-1");
        Assert.Equal(("completed", 13), (done.GetProperty("state").GetString(), done.GetProperty("stepsDone").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await ops.PostAsync("/v1/campaigns/pause-1/resume", null)).StatusCode);
    }

    [Fact]
    public async Task Abort_SuspendedRun_StartsItOnlyToAbortIt()
    {
        using var gate = new Gate();
        await using var server = await ServeServer.StartAsync(engines: _ => gate.Engine());
        using var ops = await SubmitToTheGateAsync(server, gate, "abort-1");
        await ops.PostAsync("/v1/campaigns/abort-1/suspend", null);
        gate.Open();
        var first = await EventStream.ReadAsync(ops, "abort-1");

        var abort = await ops.PostAsync("/v1/campaigns/abort-1/abort", null);
        var rest = await EventStream.ReadAsync(ops, "abort-1", lastEventId: first[^1].Id);

        Assert.Equal(HttpStatusCode.Accepted, abort.StatusCode);
        Assert.Equal("run aborted", rest[^1].Event.Outcome());
        Assert.Equal("aborted", (await ops.GetFromJsonAsync<JsonElement>("/v1/campaigns/abort-1")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Stop_WithACampaignRunning_SuspendsItAndTheRestartedServiceResumesIt()
    {
        using var gate = new Gate();
        var state = Directory.CreateTempSubdirectory("escalator-serve-restart-").FullName;
        try
        {
            int before;
            await using (var first = await ServeServer.StartAsync(state, _ => gate.Engine()))
            {
                using var ops = await SubmitToTheGateAsync(first, gate, "restart-1");

                var stopping = first.Host.StopAsync();
                gate.Open();
                await stopping.WaitAsync(Bound);
                before = first.Host.Service.Find("restart-1", out _)!.EventCount;
            }
            await using var second = await ServeServer.StartAsync(state);
            using var again = second.Client(ServeKeys.OperatorKey);

            var status = await again.GetFromJsonAsync<JsonElement>("/v1/campaigns/restart-1");
            var resume = await again.PostAsync("/v1/campaigns/restart-1/resume", null);
            var events = await EventStream.ReadAsync(again, "restart-1");

            Assert.Equal(("suspended", before), (status.GetProperty("state").GetString(), status.GetProperty("events").GetInt32()));
            Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
            Assert.Equal("run suspended", events[before - 1].Event.Outcome());
            Assert.Equal(("run resumed", "run completed"), (events[before].Event.Outcome(), events[^1].Event.Outcome()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task ProgressWebhooks_GlobalAndTheCampaignsOwn_GetEveryEventInOrder()
    {
        await using var global = await Receiver.StartAsync();
        await using var own = await Receiver.StartAsync();
        await using var server = await ServeServer.StartAsync(webhooks: [global.Url]);
        using var ops = server.Client(ServeKeys.OperatorKey);

        await ServeServer.SubmitAsync(ops, Topology, Safe, runId: "hooks-1", webhooks: [own.Url.AbsoluteUri]);
        var events = await EventStream.ReadAsync(ops, "hooks-1");
        await Task.WhenAll(global.Completed.Task, own.Completed.Task).WaitAsync(Bound);

        foreach (var receiver in new[] { global, own })
        {
            Assert.Equal(events.Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), receiver.Received.Select(r => r.Id));
            Assert.Equal(events.Select(e => e.Event.GetRawText()), receiver.Received.Select(r => r.Body));
            Assert.All(receiver.Received, r => Assert.Equal("hooks-1", r.Run));
        }
    }

    /// <summary>Submits minimal's safe campaign as an operator and waits until its execution stops at the gate.</summary>
    private static async Task<HttpClient> SubmitToTheGateAsync(ServeServer server, Gate gate, string run)
    {
        var ops = server.Client(ServeKeys.OperatorKey);
        Assert.Equal(HttpStatusCode.Accepted, (await ServeServer.SubmitAsync(ops, Topology, Safe, runId: run)).StatusCode);
        await gate.Reached.Task.WaitAsync(Bound);
        return ops;
    }

    /// <summary>A progress webhook on a real Kestrel: records each POST, and completes when the run's end arrives.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public List<(string? Run, string? Id, string Body)> Received { get; } = [];

        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Uri Url => new(_app.Urls.First() + "/progress");

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
            builder.Services.AddRoutingCore();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/progress", async context =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                lock (receiver.Received) receiver.Received.Add((context.Request.Headers["X-Escalator-Run"], context.Request.Headers["X-Escalator-Event"], body));
                if (body.Contains("\"action\":\"run\",\"outcome\":\"completed\"", StringComparison.Ordinal)) receiver.Completed.TrySetResult();
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
