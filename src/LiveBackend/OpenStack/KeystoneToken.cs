using System.Collections.Immutable;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>A Keystone token with what came with it: its lifetime, the user, the project, the roles and the service catalog.</summary>
/// <remarks>The value is a secret: <see cref="ToString"/> leaves it out.</remarks>
internal sealed record KeystoneToken(
    string Value,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string UserId,
    string? ProjectId,
    string? ProjectName,
    ImmutableArray<string> Roles,
    ImmutableArray<CatalogEndpoint> Catalog)
{
    /// <summary>Whether the token should be replaced at <paramref name="now"/>: when less than 10 % of its life or 5 minutes
    /// remain, whichever is shorter, so a call started now does not meet an expired token on its way.</summary>
    public bool NeedsRenewal(DateTimeOffset now)
    {
        var life = ExpiresAt - IssuedAt;
        var margin = TimeSpan.FromTicks(Math.Min(life.Ticks / 10, TimeSpan.FromMinutes(5).Ticks));
        return ExpiresAt - now <= margin;
    }

    /// <summary>The endpoint of a service type for an interface, in a region when one is given.</summary>
    /// <exception cref="CloudConfigException">The catalog has no such endpoint; the message lists what it has.</exception>
    public Uri Endpoint(string serviceType, string @interface, string? region)
    {
        var match = Catalog.FirstOrDefault(e => e.ServiceType == serviceType && e.Interface == @interface
            && (region is null || string.Equals(e.Region, region, StringComparison.Ordinal)));
        if (match is not null) return match.Url;
        var ofType = Catalog.Where(e => e.ServiceType == serviceType).Select(e => $"{e.Interface}@{e.Region ?? "no region"}").Distinct().ToList();
        var types = Catalog.Select(e => e.ServiceType).Distinct().Order(StringComparer.Ordinal).ToList();
        throw new CloudConfigException(ofType.Count > 0
            ? $"the service catalog has no {@interface} endpoint of '{serviceType}'{(region is null ? "" : $" in region '{region}'")}; it has {string.Join(", ", ofType)}"
            : $"the service catalog has no '{serviceType}' service; it has {(types.Count == 0 ? "no services (is the token scoped to a project?)" : string.Join(", ", types))}");
    }

    public override string ToString() =>
        $"token for user {UserId}, project {ProjectName ?? ProjectId ?? "none"}, roles [{string.Join(", ", Roles)}], expires {ExpiresAt:O}";
}
