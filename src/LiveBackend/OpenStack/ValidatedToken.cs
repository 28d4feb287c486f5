using System.Collections.Immutable;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>What Keystone says of a caller's token: who, in which project, with which roles, and until when.</summary>
/// <remarks>Holds no token value: it is safe to log.</remarks>
public sealed record ValidatedToken(string UserId, string? ProjectId, string? ProjectName, ImmutableArray<string> Roles, DateTimeOffset ExpiresAt);
