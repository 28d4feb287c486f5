using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary>The real OpenStack that <c>scripts/openstack/up</c> starts on 127.0.0.1, shared by the live tests.</summary>
/// <remarks>Reads <c>$ESCALATOR_OPENSTACK_DIR/clouds.yaml</c> (default /tmp/escalator-openstack), cloud <c>escalator-test</c>.
/// Without it every live test fails and says how to bring the cloud up: a live test never passes by skipping.</remarks>
public sealed class LiveCloud : IDisposable
{
    public const string CloudName = "escalator-test";

    private readonly CloudConnection? _connection;
    private readonly string? _problem;

    public LiveCloud()
    {
        var dir = Environment.GetEnvironmentVariable("ESCALATOR_OPENSTACK_DIR") is { Length: > 0 } d ? d : "/tmp/escalator-openstack";
        CloudsYaml = Path.Combine(dir, "clouds.yaml");
        if (!File.Exists(CloudsYaml))
        {
            _problem = $"no test cloud: {CloudsYaml} does not exist; run scripts/openstack/up first (and scripts/openstack/down after)";
            return;
        }
        var resolved = CloudConfigResolver.Resolve(CloudName, _ => null, [CloudsYaml]);
        if (!resolved.Ok)
        {
            _problem = string.Join("; ", resolved.Errors);
            return;
        }
        Config = resolved.Config!;
        _connection = CloudConnection.Open(Config, TimeProvider.System, new CloudCallOptions { Timeout = TimeSpan.FromSeconds(60) });
    }

    public string CloudsYaml { get; }

    public CloudConfig? Config { get; }

    /// <summary>The connection to the test cloud; fails the test, saying how to start the cloud, when there is none.</summary>
    public CloudConnection Connection => _connection ?? throw new InvalidOperationException(_problem);

    /// <summary>A name unique to this run, so runs never meet each other's leftovers.</summary>
    public static string UniqueName(string what) => $"esc-it-{what}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How long a live step may take: generous for a loaded CI machine, still bounded.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public void Dispose() => _connection?.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LiveCloudGroup : ICollectionFixture<LiveCloud>
{
    /// <summary>One collection: the live tests share one cloud and run one after another.</summary>
    public const string Name = "live cloud";
}
