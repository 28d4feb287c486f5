namespace Escalator.LiveBackend.OpenStack;

/// <summary>One endpoint of a service in Keystone's catalog.</summary>
/// <param name="ServiceType">The service type: identity, compute, placement, image …</param>
/// <param name="Interface">public, internal or admin.</param>
/// <param name="Region">The region id, or null when the endpoint has none.</param>
internal sealed record CatalogEndpoint(string ServiceType, string ServiceName, string Interface, string? Region, Uri Url);
