namespace Escalator.LiveBackend.Journal;

public sealed partial class CampaignJournal
{
    /// <summary>Takes the cloud's campaign lock for <paramref name="lease"/>: one campaign at a time per cloud. A lock whose
    /// lease has expired (its holder crashed and stopped renewing it) is taken over, so a crash never leaves it stuck.</summary>
    /// <param name="holder">Who holds it, for the message another run shows (e.g. <c>host:pid</c>).</param>
    /// <param name="deadHolder">A holder known to have died (its process is gone): its lock is taken over at once.</param>
    /// <returns>Null when taken (or renewed, for the same campaign and holder); else who holds it.</returns>
    public LockHolder? TryLock(string cloud, string campaign, string holder, TimeSpan lease, string? deadHolder = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        // BEGIN IMMEDIATE takes SQLite's write lock first, so two runs cannot both see the lock free.
        Execute("BEGIN IMMEDIATE");
        try
        {
            var current = Holder(cloud);
            var now = Now;
            if (current is not null && current.Expires > now && (current.Campaign != campaign || current.Holder != holder) && current.Holder != deadHolder)
            {
                Execute("ROLLBACK");
                return current;
            }
            Execute("""
                INSERT INTO locks (cloud, campaign, holder, expires) VALUES ($cloud, $campaign, $holder, $expires)
                ON CONFLICT (cloud) DO UPDATE SET campaign = $campaign, holder = $holder, expires = $expires
                """, ("$cloud", cloud), ("$campaign", campaign), ("$holder", holder), ("$expires", Text(now + lease)));
            Execute("COMMIT");
            return null;
        }
        catch
        {
            Execute("ROLLBACK");
            throw;
        }
    }

    /// <summary>Releases the lock if <paramref name="holder"/> holds it; false otherwise.</summary>
    public bool Unlock(string cloud, string holder) =>
        Execute("DELETE FROM locks WHERE cloud = $cloud AND holder = $holder", ("$cloud", cloud), ("$holder", holder)) == 1;

    /// <summary>Who holds the cloud's lock (expired or not), or null.</summary>
    public LockHolder? Holder(string cloud)
    {
        using var command = Command(_db, "SELECT campaign, holder, expires FROM locks WHERE cloud = $cloud", ("$cloud", cloud));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new LockHolder(cloud, reader.GetString(0), reader.GetString(1), Time(reader.GetString(2))) : null;
    }
}
