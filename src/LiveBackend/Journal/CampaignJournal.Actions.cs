using Microsoft.Data.Sqlite;

namespace Escalator.LiveBackend.Journal;

public sealed partial class CampaignJournal
{
    /// <summary>Starts recording a run of <paramref name="campaign"/>, or finds the run already recorded (a resume).</summary>
    /// <param name="plan">The plan as run (its JSON), kept so a resume runs the same plan, not one re-expanded later.</param>
    /// <returns>True when the run is new; false when it was there already (its plan and state are kept).</returns>
    public bool BeginRun(string campaign, string name, string cloud, string plan)
    {
        var now = Text(Now);
        return Execute("""
            INSERT OR IGNORE INTO runs (campaign, name, cloud, plan, state, started, updated)
            VALUES ($campaign, $name, $cloud, $plan, 'Running', $now, $now)
            """, ("$campaign", campaign), ("$name", name), ("$cloud", cloud), ("$plan", plan), ("$now", now)) == 1;
    }

    /// <summary>The plan a run was started with, or null when there is no such run.</summary>
    public string? PlanOf(string campaign)
    {
        using var command = Command(_db, "SELECT plan FROM runs WHERE campaign = $campaign", ("$campaign", campaign));
        return command.ExecuteScalar() as string;
    }

    public RunState? StateOfRun(string campaign)
    {
        using var command = Command(_db, "SELECT state FROM runs WHERE campaign = $campaign", ("$campaign", campaign));
        return command.ExecuteScalar() is string s ? Enum.Parse<RunState>(s) : null;
    }

    public void SetRunState(string campaign, RunState state)
    {
        if (Execute("UPDATE runs SET state = $state, updated = $now WHERE campaign = $campaign",
            ("$state", state.ToString()), ("$now", Text(Now)), ("$campaign", campaign)) == 0)
        {
            throw new InvalidOperationException($"no run of campaign '{campaign}' is recorded in {Path}");
        }
    }

    /// <summary>Records the intent to act, before acting; returns the entry's id for <see cref="Complete"/>.</summary>
    public long Intend(string campaign, StepRef step, string action, string detail)
    {
        ArgumentNullException.ThrowIfNull(step.Target);
        using var command = Command(_db, """
            INSERT INTO actions (campaign, wave, target, step, action, detail, intended)
            VALUES ($campaign, $wave, $target, $step, $action, $detail, $now) RETURNING id
            """, ("$campaign", campaign), ("$wave", step.Wave), ("$target", step.Target), ("$step", step.Index),
            ("$action", action), ("$detail", detail), ("$now", Text(Now)));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Records how an intended action ended. An entry ends once; a second outcome is a programming error.</summary>
    public void Complete(long entry, ActionOutcome outcome, string? error = null)
    {
        if (Execute("UPDATE actions SET outcome = $outcome, error = $error, finished = $now WHERE id = $id AND outcome IS NULL",
            ("$outcome", outcome.ToString()), ("$error", error), ("$now", Text(Now)), ("$id", entry)) == 0)
        {
            throw new InvalidOperationException($"journal entry {entry} does not exist or has already ended");
        }
    }

    /// <summary>Ends a step's entries that a stopped run left without an outcome, as <see cref="ActionOutcome.Interrupted"/>:
    /// a resume calls it as it takes the step up again, so the journal has no loose ends once the run is over.</summary>
    public void Interrupted(string campaign, StepRef step) =>
        Execute("""
            UPDATE actions SET outcome = 'Interrupted', error = 'the run stopped before this ended; a resume took the step up again',
            finished = $now WHERE campaign = $campaign AND wave = $wave AND target = $target AND step = $step AND outcome IS NULL
            """, ("$now", Text(Now)), ("$campaign", campaign), ("$wave", step.Wave), ("$target", step.Target), ("$step", step.Index));

    /// <summary>What the journal knows of a step: by its latest entry (a retried step has several). A step whose latest
    /// attempt failed is <see cref="StepState.NotStarted"/>: the run stopped before retrying it, so it is to be done again.</summary>
    public StepState StateOf(string campaign, StepRef step)
    {
        using var command = Command(_db, """
            SELECT outcome FROM actions WHERE campaign = $campaign AND wave = $wave AND target = $target AND step = $step
            ORDER BY id DESC LIMIT 1
            """, ("$campaign", campaign), ("$wave", step.Wave), ("$target", step.Target), ("$step", step.Index));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return StepState.NotStarted;
        if (reader.IsDBNull(0)) return StepState.InFlight;
        return reader.GetString(0) switch
        {
            nameof(ActionOutcome.Failed) => StepState.NotStarted,
            // Ended as interrupted and not taken up again (the resume stopped in between): still to be looked at.
            nameof(ActionOutcome.Interrupted) => StepState.InFlight,
            _ => StepState.Done,
        };
    }

    /// <summary>Every entry of a run, in the order the intents were recorded.</summary>
    public IReadOnlyList<JournalEntry> Entries(string campaign) => Read("WHERE campaign = $campaign", campaign);

    /// <summary>The entries with an intent and no outcome: what the run was doing when it stopped.</summary>
    public IReadOnlyList<JournalEntry> InFlight(string campaign) => Read("WHERE campaign = $campaign AND outcome IS NULL", campaign);

    private List<JournalEntry> Read(string where, string campaign)
    {
        using var command = Command(_db, $"""
            SELECT id, wave, target, step, action, detail, intended, outcome, error, finished FROM actions {where} ORDER BY id
            """, ("$campaign", campaign));
        using var reader = command.ExecuteReader();
        var entries = new List<JournalEntry>();
        while (reader.Read()) entries.Add(Entry(reader, campaign));
        return entries;
    }

    private static JournalEntry Entry(SqliteDataReader r, string campaign) => new(
        r.GetInt64(0), campaign, new StepRef(r.GetInt32(1), r.GetString(2), r.GetInt32(3)), r.GetString(4), r.GetString(5),
        Time(r.GetString(6)), r.IsDBNull(7) ? null : Enum.Parse<ActionOutcome>(r.GetString(7)), r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : Time(r.GetString(9)));
}
