namespace Escalator.LiveBackend.Journal;

public sealed partial class CampaignJournal
{
    /// <summary>Records that Escalator disabled a service (before it asks the cloud to, so a crash in between is not lost:
    /// re-enabling a service that is enabled already does no harm, forgetting one that Escalator disabled does).</summary>
    public void RecordDisabled(string campaign, string host, string service, string reason) =>
        Execute("""
            INSERT INTO disabled (campaign, host, service, reason, disabled) VALUES ($campaign, $host, $service, $reason, $now)
            ON CONFLICT (campaign, host, service) DO UPDATE SET reason = $reason, disabled = $now, reenabled = NULL
            """, ("$campaign", campaign), ("$host", host), ("$service", service), ("$reason", reason), ("$now", Text(Now)));

    /// <summary>Records that Escalator enabled again a service it had disabled; false if it had not disabled it.</summary>
    public bool RecordReenabled(string campaign, string host, string service) =>
        Execute("UPDATE disabled SET reenabled = $now WHERE campaign = $campaign AND host = $host AND service = $service AND reenabled IS NULL",
            ("$now", Text(Now)), ("$campaign", campaign), ("$host", host), ("$service", service)) == 1;

    /// <summary>Whether this run disabled the service and has not enabled it again.</summary>
    public bool IsStillDisabled(string campaign, string host, string service)
    {
        using var command = Command(_db, "SELECT 1 FROM disabled WHERE campaign = $campaign AND host = $host AND service = $service AND reenabled IS NULL",
            ("$campaign", campaign), ("$host", host), ("$service", service));
        return command.ExecuteScalar() is not null;
    }

    /// <summary>The services this run disabled and has not enabled again: the only ones it may enable.</summary>
    public IReadOnlyList<DisabledService> StillDisabled(string campaign) => Disabled(campaign, "AND reenabled IS NULL");

    /// <summary>Every service this run disabled, with when it enabled it again.</summary>
    public IReadOnlyList<DisabledService> DisabledBy(string campaign) => Disabled(campaign, "");

    private List<DisabledService> Disabled(string campaign, string filter)
    {
        using var command = Command(_db, $"""
            SELECT host, service, reason, disabled, reenabled FROM disabled WHERE campaign = $campaign {filter} ORDER BY disabled, host, service
            """, ("$campaign", campaign));
        using var reader = command.ExecuteReader();
        var list = new List<DisabledService>();
        while (reader.Read())
        {
            list.Add(new DisabledService(campaign, reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader.GetString(3)),
                reader.IsDBNull(4) ? null : Time(reader.GetString(4))));
        }
        return list;
    }
}
