namespace Escalator.LiveBackend.OpenStack;

/// <summary>The microversions a compute API accepts (<c>GET /v2.1/</c>), such as 2.1 to 2.93 for Zed.</summary>
internal sealed record ComputeApiVersion(string MinVersion, string MaxVersion);
