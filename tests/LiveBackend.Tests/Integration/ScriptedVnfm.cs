using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Escalator.LiveBackend.Coordination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary>A VNFM for the live tests, on 127.0.0.1: it takes Escalator's notices at <c>/notices</c> and answers each that
/// asks for a reply by PUTting the scripted state to the notice's <c>reply_url</c>. It also stands in for Escalator's
/// reply API (<c>PUT /v1/maintenance/{run}/{vnf}</c>, the caller's project in <c>X-Project-Id</c>), which hands replies to
/// the run's <see cref="VnfmMailbox"/>.</summary>
internal sealed class ScriptedVnfm : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _notices = [];
    private readonly List<Task> _replies = [];

    private ScriptedVnfm(WebApplication app) => _app = app;

    public VnfmMailbox Mailbox { get; } = new();

    /// <summary>What to answer a notice's payload with (e.g. <c>ACK_MAINTENANCE</c>), or null to stay silent.</summary>
    public Func<JsonObject, string?> Script { get; set; } = p => $"ACK_{p["state"]}";

    /// <summary>The project the VNFM replies as (to the stand-in reply API).</summary>
    public string? Project { get; set; }

    /// <summary>The Keystone token the VNFM presents to Escalator's API (<c>X-Auth-Token</c>), when it replies to <c>serve</c>.</summary>
    public string? Token { get; set; }

    /// <summary>The status of every reply the API answered, in order.</summary>
    public List<int> ReplyStatuses { get; } = [];

    public Uri Notices { get; private set; } = null!;

    public Uri ReplyBase { get; private set; } = null!;

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_gate) return [.. _notices];
        }
    }

    public static async Task<ScriptedVnfm> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var vnfm = new ScriptedVnfm(app);
        app.MapPost("/notices", (JsonObject body) => vnfm.Take(body));
        app.MapPut("/v1/maintenance/{run}/{vnf}", (string run, string vnf, JsonObject body, HttpRequest request) =>
        {
            var project = request.Headers["X-Project-Id"].ToString();
            var delivery = vnfm.Mailbox.Deliver(new VnfmReplyMessage(run, vnf, body["state"]?.GetValue<string>() ?? "", project, AnyProject: false));
            return delivery == Delivery.Accepted ? Results.Ok() : Results.Conflict(delivery.ToString());
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        vnfm.Notices = new Uri(address, "/notices");
        vnfm.ReplyBase = new Uri(address, "/v1/maintenance/");
        return vnfm;
    }

    private IResult Take(JsonObject body)
    {
        var payload = body["payload"]!.AsObject();
        lock (_gate) _notices.Add(payload);
        if (payload["reply_url"]?.GetValue<string>() is { } url && Script(payload) is { } state)
        {
            lock (_gate) _replies.Add(ReplyAsync(new Uri(url), state));
        }
        return Results.Accepted();
    }

    private async Task ReplyAsync(Uri url, string state)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new JsonObject { ["state"] = state }) };
        request.Headers.Add("X-Project-Id", Project);
        if (Token is not null) request.Headers.Add("X-Auth-Token", Token);
        using var response = await _http.SendAsync(request);
        lock (_gate) ReplyStatuses.Add((int)response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] replies;
        lock (_gate) replies = [.. _replies];
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
        await Task.WhenAll(replies);
    }
}
