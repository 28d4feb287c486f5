namespace Escalator.LiveBackend.OpenStack;

/// <summary>A server to boot without networks (<c>"networks": "none"</c>), optionally on a named host (admin, 2.74+) and in a server group.</summary>
internal sealed record ServerCreateRequest(string Name, string ImageId, string FlavorId, string? Host = null, string? GroupId = null);
