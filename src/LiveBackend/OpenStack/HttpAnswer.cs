using System.Net;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>What a service answered to one HTTP request, read in full.</summary>
/// <param name="Headers">The response headers that matter here (first value of each), by case-insensitive name.</param>
internal sealed record HttpAnswer(string Method, Uri Url, HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>The service's request id: <c>x-openstack-request-id</c>, else Nova's <c>x-compute-request-id</c>.</summary>
    public string? RequestId => Headers.GetValueOrDefault("x-openstack-request-id") ?? Headers.GetValueOrDefault("x-compute-request-id");

    public CloudFaultException Fault(string service, string? cause = null) => new(service, Method, Url, Status, RequestId, Body, cause);
}
