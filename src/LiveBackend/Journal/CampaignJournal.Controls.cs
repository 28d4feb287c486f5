namespace Escalator.LiveBackend.Journal;

public sealed partial class CampaignJournal
{
    /// <summary>Asks the run of <paramref name="campaign"/> to suspend or abort at its next step boundary. Another process
    /// (<c>escalator run --suspend</c>, the REST API) writes it; the executor reads it between steps. The latest request wins.</summary>
    public void RequestControl(string campaign, ControlRequest request) =>
        Execute("""
            INSERT INTO controls (campaign, request, at) VALUES ($campaign, $request, $now)
            ON CONFLICT (campaign) DO UPDATE SET request = $request, at = $now
            """, ("$campaign", campaign), ("$request", request.ToString()), ("$now", Text(Now)));

    /// <summary>The request waiting for the run, or null.</summary>
    public ControlRequest? PendingControl(string campaign)
    {
        using var command = Command(_db, "SELECT request FROM controls WHERE campaign = $campaign", ("$campaign", campaign));
        return command.ExecuteScalar() is string s ? Enum.Parse<ControlRequest>(s) : null;
    }

    /// <summary>Withdraws the request once the run has acted on it (or a resume starts afresh).</summary>
    public void ClearControl(string campaign) => Execute("DELETE FROM controls WHERE campaign = $campaign", ("$campaign", campaign));

    /// <summary>The runs recorded, newest first: campaign, cloud and state.</summary>
    public IReadOnlyList<(string Campaign, string Cloud, RunState State)> Runs()
    {
        using var command = Command(_db, "SELECT campaign, cloud, state FROM runs ORDER BY updated DESC");
        using var reader = command.ExecuteReader();
        var runs = new List<(string, string, RunState)>();
        while (reader.Read()) runs.Add((reader.GetString(0), reader.GetString(1), Enum.Parse<RunState>(reader.GetString(2))));
        return runs;
    }
}
