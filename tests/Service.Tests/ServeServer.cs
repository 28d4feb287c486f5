using System.Net.Http.Json;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Simulated;
using Escalator.Model.Access;
using Escalator.Service;
using Escalator.Service.Access;

namespace Escalator.Service.Tests;

/// <summary>The service's host on a real Kestrel at 127.0.0.1, port 0, with local keys (<see cref="ServeKeys"/>), the simulated engine
/// (or one given) and a state directory of its own (or one given, to restart on it).</summary>
internal sealed class ServeServer : IAsyncDisposable
{
    private readonly bool _ownsState;

    private ServeServer(ServeHost host, string state, bool ownsState, StringWriter log)
    {
        (Host, State, _ownsState, LogText) = (host, state, ownsState, log);
    }

    public ServeHost Host { get; }

    public string State { get; }

    /// <summary>What the service wrote to its log (standard error).</summary>
    public StringWriter LogText { get; }

    public static async Task<ServeServer> StartAsync(string? state = null, Func<ExecutionRequest, IRunEngine>? engines = null,
        CallerAuthenticator? authenticator = null, IReadOnlyList<Uri>? webhooks = null)
    {
        var dir = state ?? Directory.CreateTempSubdirectory("escalator-serve-").FullName;
        var log = new StringWriter();
        var settings = new ServeSettings(dir, new Uri("http://127.0.0.1:0")) { ProgressWebhooks = webhooks ?? [] };
        authenticator ??= new CallerAuthenticator(ApiKeysLoader.Parse("keys.yaml", ServeKeys.KeysYaml).Value, null, null, TimeProvider.System, TextWriter.Synchronized(log));
        var host = await ServeHost.StartAsync(settings, engines ?? (_ => new SimulatedEngine(TimeProvider.System.GetUtcNow(), 1, faults: false)),
            authenticator, TimeProvider.System, TextWriter.Synchronized(log));
        return new ServeServer(host, dir, state is null, log);
    }

    /// <summary>A client of the API presenting <paramref name="key"/> (none when null); every call bounded by a minute.</summary>
    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Host.Address, Timeout = TimeSpan.FromMinutes(1) };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Auth-Token", key);
        return client;
    }

    /// <summary>Submits a bundled scenario's topology and campaign.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string topology, string campaign, string? runId = null,
        bool overrideVerdict = false, IReadOnlyList<string>? webhooks = null) =>
        client.PostAsJsonAsync("/v1/campaigns", new
        {
            topology = File.ReadAllText(Repo.Path(topology)),
            campaign = File.ReadAllText(Repo.Path(campaign)),
            runId,
            overrideVerdict,
            webhooks,
        });

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsState) Directory.Delete(State, recursive: true);
    }
}
