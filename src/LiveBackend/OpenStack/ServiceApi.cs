using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Calls one service of the catalog (compute, placement, image): the token, the microversion headers, a deadline per
/// attempt, retries of transient faults, one renewal of a token the service refused, and every failure as a <see cref="CloudFaultException"/>.</summary>
internal sealed partial class ServiceApi
{
    private readonly KeystoneSession _session;
    private readonly HttpClient _http;
    private readonly CloudCallOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<Uri, Uri> _root;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _once;

    /// <param name="serviceType">The catalog's service type, also the service named in faults.</param>
    /// <param name="root">Turns the catalog's endpoint into the root that paths are relative to (such as adding a version).</param>
    /// <param name="headers">Headers of every request, such as the microversion.</param>
    public ServiceApi(KeystoneSession session, HttpClient http, CloudCallOptions options, TimeProvider time, string serviceType,
        Func<Uri, Uri>? root, params KeyValuePair<string, string>[] headers)
    {
        _session = session;
        _http = http;
        _options = options;
        _time = time;
        ServiceType = serviceType;
        _root = root ?? (u => u);
        _headers = headers;
        _idempotent = CloudRetry.Create(options, time, idempotent: true);
        _once = CloudRetry.Create(options, time, idempotent: false);
    }

    public string ServiceType { get; }

    /// <summary>GET a path (with its query) under the service's root; the answer's JSON, or an empty object for an empty body.</summary>
    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, idempotent: true, cancellationToken);

    /// <summary>Sends a request; the answer's JSON, or an empty object when the body is empty (202, 204).</summary>
    /// <param name="idempotent">Whether the request may be repeated when no answer came (GET, PUT, DELETE: yes; a server action: no).</param>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonNode? body, bool idempotent, CancellationToken cancellationToken)
    {
        var pipeline = idempotent ? _idempotent : _once;
        var answer = await pipeline.ExecuteAsync(
            async token => await SendRenewingAsync(method, path, body, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(answer.Body)) return EmptyObject;
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw answer.Fault(ServiceType, $"the body is not JSON: {e.Message}");
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>One attempt; a 401 renews the token once and tries again, since a token may be revoked before it expires.</summary>
    private async Task<HttpAnswer> SendRenewingAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var token = await _session.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var answer = await SendOnceAsync(token, method, path, body, cancellationToken).ConfigureAwait(false);
        if (answer.Status == HttpStatusCode.Unauthorized)
        {
            token = await _session.RenewAsync(token, cancellationToken).ConfigureAwait(false);
            answer = await SendOnceAsync(token, method, path, body, cancellationToken).ConfigureAwait(false);
        }
        return answer.Succeeded ? answer : throw answer.Fault(ServiceType);
    }

    private async Task<HttpAnswer> SendOnceAsync(KeystoneToken token, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var root = _root(token.Endpoint(ServiceType, _session.Config.Interface, _session.Config.RegionName));
        var request = new HttpRequestMessage(method, Resolve(root, path));
        request.Headers.Add("X-Auth-Token", token.Value);
        request.Headers.Accept.ParseAdd("application/json");
        foreach (var (name, value) in _headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await HttpExchange.SendAsync(_http, ServiceType, request, _options.Timeout, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A path (starting with '/', possibly with a query) under a root that may itself have a path (<c>/v2.1</c>).</summary>
    internal static Uri Resolve(Uri root, string path) => new(root.AbsoluteUri.TrimEnd('/') + path);
}
