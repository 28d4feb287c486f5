namespace Escalator.LiveBackend.Execution;

/// <summary>One thing that happened in a run: the structured log record (one JSON line each) and the progress feed.</summary>
/// <param name="Wave">The wave, or 0 for the run as a whole.</param>
/// <param name="Target">The host or stage-wide target acted on, or the object (VNF, server) the event is about; empty for the run.</param>
/// <param name="Action">What was done: a step action (<c>Evacuate</c>, <c>Upgrade</c> …) or a run event (<c>preflight</c>, <c>lock</c> …).</param>
/// <param name="Outcome">started, ok, failed, skipped, retry, refused, suspended, aborted, rolled-back, completed …</param>
/// <param name="Code">An error code (ESC-X…) when something went wrong.</param>
/// <param name="Seconds">How long the action took, when it ended.</param>
public sealed record ExecutionEvent(DateTimeOffset Time, string Campaign, int Wave, string Target, string Action, string Outcome,
    string Message, string? Code = null, double? Seconds = null);
