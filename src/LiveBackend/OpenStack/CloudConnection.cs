namespace Escalator.LiveBackend.OpenStack;

/// <summary>An open connection to one cloud: the HTTP client, the Keystone session and the service clients that share them.</summary>
/// <remarks>Nothing is sent until a call is made: opening does not log in. Dispose it to close its connections.</remarks>
public sealed class CloudConnection : IDisposable
{
    private readonly HttpClient _http;

    private CloudConnection(CloudConfig config, HttpMessageHandler handler, CloudCallOptions options, TimeProvider time)
    {
        Config = config;
        Options = options;
        Time = time;
        // Each attempt has its own deadline (CloudCallOptions.Timeout, on the TimeProvider); the client's own would use the machine clock.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("escalator/0.1");
        Session = new KeystoneSession(config, _http, options, time);
        Nova = new NovaClient(Session, _http, options, time);
        Placement = new PlacementClient(Session, _http, options, time);
        Glance = new GlanceClient(Session, _http, options, time);
    }

    /// <summary>Opens a connection with the cloud's TLS settings.</summary>
    /// <param name="time">The clock of every deadline, backoff and token expiry: the process's clock is the caller's to give.</param>
    /// <exception cref="CloudConfigException">The config's CA bundle cannot be read.</exception>
    public static CloudConnection Open(CloudConfig config, TimeProvider time, CloudCallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(time);
        options ??= new CloudCallOptions();
        return new CloudConnection(config, CloudTls.CreateHandler(config, options.Timeout), options, time);
    }

    /// <summary>A connection over a given handler (tests use a fake one).</summary>
    internal static CloudConnection Over(CloudConfig config, HttpMessageHandler handler, CloudCallOptions options, TimeProvider time) =>
        new(config, handler, options, time);

    public CloudConfig Config { get; }

    public CloudCallOptions Options { get; }

    public TimeProvider Time { get; }

    internal KeystoneSession Session { get; }

    internal NovaClient Nova { get; }

    internal PlacementClient Placement { get; }

    internal GlanceClient Glance { get; }

    public void Dispose()
    {
        Session.Dispose();
        _http.Dispose();
    }
}
