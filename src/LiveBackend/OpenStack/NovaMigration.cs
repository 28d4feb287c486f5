namespace Escalator.LiveBackend.OpenStack;

/// <summary>A migration record (<c>GET /os-migrations</c>): the authority on how a move ended, rather than the server's host.</summary>
/// <param name="Id">The integer id, used to abort a live migration.</param>
/// <param name="Status">Live: accepted → preparing → queued → running → completed | error | failed | cancelled. Cold: pre-migrating →
/// migrating → post-migrating → finished → confirmed | reverted.</param>
/// <param name="MigrationType">live-migration, migration (cold), resize or evacuation.</param>
internal sealed record NovaMigration(long Id, string? Uuid, string InstanceId, string Status, string MigrationType, string? SourceCompute,
    string? DestCompute, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt)
{
    private static readonly HashSet<string> Successes = new(StringComparer.Ordinal) { "completed", "finished", "confirmed", "done" };

    private static readonly HashSet<string> Failures = new(StringComparer.Ordinal) { "error", "failed", "cancelled", "reverted" };

    /// <summary>Whether the migration has ended, well or badly. A cold migration has ended at <c>finished</c> (the server waits in VERIFY_RESIZE).</summary>
    public bool IsFinished => Successes.Contains(Status) || Failures.Contains(Status);

    /// <summary>Whether it ended with the server on its destination.</summary>
    public bool Succeeded => Successes.Contains(Status);
}
