namespace Escalator.Service.Access;

/// <summary>Who made a request, as a local key or Keystone says: a name for the log, roles, and the project it acts in.</summary>
/// <param name="Name">The key's name, or Keystone's user id.</param>
/// <param name="Roles">Exact role names (Keystone's implied roles included, as its tokens list them).</param>
/// <param name="ProjectName">Keystone's name of <paramref name="ProjectId"/>; null for a key.</param>
internal sealed record Caller(string Name, IReadOnlySet<string> Roles, string? ProjectId, string? ProjectName = null)
{
    /// <summary>The caller's project when it is <paramref name="project"/> (a VNF's, by id or by name); else null.</summary>
    public string? ProjectMatching(string? project) =>
        project is not null && (project == ProjectId || project == ProjectName) ? project : null;
}
