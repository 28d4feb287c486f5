using System.Net;
using Escalator.LiveBackend.Backends;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>A call to a cloud service that did not succeed, with what an operator needs to find it in the service's logs:
/// the <see cref="BackendFault"/> of the OpenStack backend, transient as its status says.</summary>
/// <param name="service">The service called: identity, compute, placement.</param>
/// <param name="status">The HTTP status, or null when no answer came (connection refused, timeout).</param>
/// <param name="requestId">The service's request id (<c>x-openstack-request-id</c> or <c>x-compute-request-id</c>), when it sent one.</param>
/// <param name="body">The start of the answer's body, at most <see cref="MaxBody"/> characters.</param>
/// <param name="cause">Why no answer came, or what was wrong with an answer that came (such as a body that is not JSON).</param>
public sealed class CloudFaultException(string service, string method, Uri url, HttpStatusCode? status, string? requestId, string? body, string? cause = null,
    Exception? inner = null)
    : BackendFault(Describe(service, method, url, status, requestId, body, cause), IsTransientStatus(status), Where(service, method, url, requestId), inner)
{
    /// <summary>How much of a body a fault keeps: enough for Nova's error message, not a whole HTML page.</summary>
    public const int MaxBody = 500;

    public string Service { get; } = service;

    public string Method { get; } = method;

    public Uri Url { get; } = url;

    public HttpStatusCode? Status { get; } = status;

    public string? RequestId { get; } = requestId;

    public string? Body { get; } = Excerpt(body);

    /// <summary>Whether trying again may help: no answer, 408, 409 (Nova's "another operation is in progress"), 429, 502,
    /// 503, 504. Retries decide on <see cref="BackendFault.IsTransient"/>, which is this.</summary>
    private static bool IsTransientStatus(HttpStatusCode? status) => status is null or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict
        or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static string Where(string service, string method, Uri url, string? requestId) =>
        requestId is null ? $"{service}: {method} {url}" : $"{service}: {method} {url} [request {requestId}]";

    private static string? Excerpt(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        var flat = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= MaxBody ? flat : string.Concat(flat.AsSpan(0, MaxBody), "…");
    }

    private static string Describe(string service, string method, Uri url, HttpStatusCode? status, string? requestId, string? body, string? cause)
    {
        var because = cause is null ? "" : $" ({cause})";
        var answer = status is { } s ? $"answered {(int)s} {s}{because}" : $"did not answer{because}";
        var id = requestId is null ? "" : $" [request {requestId}]";
        var excerpt = Excerpt(body) is { } b ? $": {b}" : "";
        return $"{service}: {method} {url} {answer}{id}{excerpt}";
    }
}
