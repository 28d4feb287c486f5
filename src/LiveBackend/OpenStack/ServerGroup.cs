using System.Collections.Immutable;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>A server group (microversion 2.64+): a placement policy over its member servers.</summary>
/// <param name="Policy">affinity, anti-affinity, soft-affinity or soft-anti-affinity.</param>
/// <param name="Rules">The policy's rules as text, such as <c>max_server_per_host</c>.</param>
/// <param name="Members">The member servers' ids.</param>
internal sealed record ServerGroup(string Id, string Name, string Policy, ImmutableSortedDictionary<string, string> Rules, ImmutableArray<string> Members,
    string? ProjectId);
