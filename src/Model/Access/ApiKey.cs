using System.Collections.Immutable;

namespace Escalator.Model.Access;

/// <summary>A local API key of <c>escalator serve</c>: who it is, the SHA-256 of its secret (never the secret itself), its
/// roles and, for a VNF manager, its project.</summary>
/// <param name="Sha256">The 32 bytes of the SHA-256 of the key as the caller sends it (UTF-8).</param>
/// <param name="Project">The project (tenant) the key answers for, as a VNF's <c>maintenance.project</c> names it; null: none.</param>
public sealed record ApiKey(string Name, ImmutableArray<byte> Sha256, ImmutableArray<string> Roles, string? Project);

/// <summary>The keys of one keys file, in file order.</summary>
public sealed record ApiKeyFile(ImmutableArray<ApiKey> Keys);
