namespace Escalator.LiveBackend.Journal;

/// <summary>Where a step sits in a plan: its wave, its target and its place among the target's steps.</summary>
public readonly record struct StepRef(int Wave, string Target, int Index)
{
    public override string ToString() => $"wave {Wave}, {Target}, step {Index + 1}";
}

/// <summary>How an action ended.</summary>
public enum ActionOutcome
{
    Ok,
    Failed,
    Skipped,

    /// <summary>The run stopped (a crash, a kill) before the action ended; a resume looked at the cloud and went on.</summary>
    Interrupted,
}

/// <summary>What the journal knows of a step.</summary>
public enum StepState
{
    /// <summary>Never begun, or its latest attempt failed.</summary>
    NotStarted,

    /// <summary>Its intent is recorded and no outcome: the run stopped during it, so the cloud's real state decides.</summary>
    InFlight,

    /// <summary>Ended ok or skipped.</summary>
    Done,
}

/// <summary>A campaign run as the journal records it.</summary>
public enum RunState
{
    Running,
    Suspended,

    /// <summary>Failures stopped the run and it is undoing the upgrades; a resume goes on with the rollback.</summary>
    RollingBack,
    Completed,
    Aborted,
    RolledBack,
    Failed,
}

/// <summary>One intended action and, once it ended, its outcome.</summary>
/// <param name="Id">The journal's sequence number: intents are numbered in the order they were recorded.</param>
/// <param name="Outcome">Null while the action has not ended (or the run stopped during it).</param>
public sealed record JournalEntry(long Id, string Campaign, StepRef Step, string Action, string Detail, DateTimeOffset Intended,
    ActionOutcome? Outcome, string? Error, DateTimeOffset? Finished);

/// <summary>A service Escalator disabled, so that it re-enables that one and no other.</summary>
/// <param name="ReenabledAt">When Escalator enabled it again; null while it is still disabled by us.</param>
public sealed record DisabledService(string Campaign, string Host, string Service, string Reason, DateTimeOffset DisabledAt, DateTimeOffset? ReenabledAt);

/// <summary>Who holds a cloud's campaign lock, and until when.</summary>
public sealed record LockHolder(string Cloud, string Campaign, string Holder, DateTimeOffset Expires);

/// <summary>A journal that cannot be used: not a journal, unreadable, or of a newer format. Names the file and the cause.</summary>
public sealed class JournalException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What an operator asks of a running campaign, through the journal.</summary>
public enum ControlRequest
{
    /// <summary>Stop at the next step boundary and keep the run resumable (<c>escalator run</c> again resumes it).</summary>
    Suspend,

    /// <summary>Stop at the next step boundary, enable again what Escalator disabled, and end the run as aborted.</summary>
    Abort,
}
