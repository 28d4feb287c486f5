using System.Text.Json.Nodes;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>The Nova (compute) calls Escalator makes, at one microversion (2.80 by default) for every call.</summary>
/// <remarks>
/// Listings follow Nova's pagination links to the end. Server actions are not repeated when no answer came (Nova may have
/// acted); every other call is retried on transient faults. Waits poll with the injected <see cref="TimeProvider"/> and are bounded.
/// </remarks>
internal sealed partial class NovaClient
{
    private readonly ServiceApi _api;
    private readonly TimeProvider _time;

    public NovaClient(KeystoneSession session, HttpClient http, CloudCallOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        Microversion = options.ComputeMicroversion;
        _api = new ServiceApi(session, http, options, time, "compute", VersionedRoot,
            KeyValuePair.Create("OpenStack-API-Version", $"compute {Microversion}"),
            KeyValuePair.Create("X-OpenStack-Nova-API-Version", Microversion));
    }

    public string Microversion { get; }

    /// <summary>The microversions the compute API accepts (<c>GET /</c> of the versioned endpoint).</summary>
    public async Task<ComputeApiVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var root = await _api.GetAsync("/", cancellationToken).ConfigureAwait(false);
        var version = root.Field("version") ?? root;
        return new ComputeApiVersion(version.Str("min_version") ?? "", version.Str("version") ?? "");
    }

    /// <summary>The nova-compute services, of one host when <paramref name="host"/> is given.</summary>
    public Task<IReadOnlyList<NovaService>> ListComputeServicesAsync(string? host = null, CancellationToken cancellationToken = default) =>
        ListServicesAsync("nova-compute", host, cancellationToken);

    /// <summary>Nova's services (<c>GET /os-services</c>), filtered by binary and host when given.</summary>
    public async Task<IReadOnlyList<NovaService>> ListServicesAsync(string? binary = null, string? host = null, CancellationToken cancellationToken = default)
    {
        var root = await _api.GetAsync("/os-services" + Query(("binary", binary), ("host", host)), cancellationToken).ConfigureAwait(false);
        return [.. root.Items("services").Select(ParseService)];
    }

    /// <summary>Enables a service, or disables it with a reason (<c>PUT /os-services/{id}</c>, 2.53+); the service as Nova now shows it.</summary>
    public async Task<NovaService> SetServiceStatusAsync(string serviceId, bool enabled, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        var body = new JsonObject { ["status"] = enabled ? "enabled" : "disabled" };
        if (!enabled && reason is not null) body["disabled_reason"] = reason;
        var root = await _api.SendAsync(HttpMethod.Put, $"/os-services/{Escape(serviceId)}", body, idempotent: true, cancellationToken).ConfigureAwait(false);
        return ParseService(root.Field("service") ?? root);
    }

    /// <summary>Every hypervisor (compute node), following pages.</summary>
    public async Task<IReadOnlyList<Hypervisor>> ListHypervisorsAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<Hypervisor>();
        await foreach (var page in _api.PagesAsync("/os-hypervisors/detail", "hypervisors_links", cancellationToken).ConfigureAwait(false))
        {
            list.AddRange(page.Items("hypervisors").Select(ParseHypervisor));
        }
        return list;
    }

    /// <summary>Every flavour, public and private (the administrator's view), following pages.</summary>
    public async Task<IReadOnlyList<NovaFlavor>> ListFlavorsAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<NovaFlavor>();
        await foreach (var page in _api.PagesAsync("/flavors/detail?is_public=None", "flavors_links", cancellationToken).ConfigureAwait(false))
        {
            list.AddRange(page.Items("flavors").Select(ParseFlavor));
        }
        return list;
    }

    /// <summary>The compute endpoint with its API version: some catalogs register the bare service root.</summary>
    private static Uri VersionedRoot(Uri endpoint) =>
        endpoint.AbsolutePath.Contains("/v2", StringComparison.Ordinal) ? endpoint : ServiceApi.Resolve(endpoint, "/v2.1");

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>A query string of the parameters that have a value, or "".</summary>
    internal static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
