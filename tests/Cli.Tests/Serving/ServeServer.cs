using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Escalator.Cli.Serving;
using Escalator.Cli.Serving.Access;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Simulated;
using Escalator.Model.Access;

namespace Escalator.Cli.Tests.Serving;

/// <summary><c>escalator serve</c>'s host on a real Kestrel at 127.0.0.1, port 0, with local keys, the simulated engine
/// (or one given) and a state directory of its own (or one given, to restart on it).</summary>
internal sealed class ServeServer : IAsyncDisposable
{
    public const string OperatorKey = "ops-7c1e0f4b9a";
    public const string ReaderKey = "reader-52d8e61a0c";
    public const string VnfmKey = "vnfm-functest-0b7f";
    public const string StrangerKey = "vnfm-other-9e3a";

    /// <summary>ops (admin), viewer (reader), vnfm-functest (member of functest, the project of minimal's vping), stranger (member of other).</summary>
    public static readonly string KeysYaml = $$"""
        keys:
          - {name: ops, sha256: {{Sha(OperatorKey)}}, roles: [admin]}
          - {name: viewer, sha256: {{Sha(ReaderKey)}}, roles: [reader]}
          - {name: vnfm-functest, sha256: {{Sha(VnfmKey)}}, roles: [member], project: functest}
          - {name: stranger, sha256: {{Sha(StrangerKey)}}, roles: [member], project: other}
        """;

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
        authenticator ??= new CallerAuthenticator(ApiKeysLoader.Parse("keys.yaml", KeysYaml).Value, null, null, TimeProvider.System, TextWriter.Synchronized(log));
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

    public static string Sha(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsState) Directory.Delete(State, recursive: true);
    }
}
