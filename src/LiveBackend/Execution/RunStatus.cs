using System.Collections.Concurrent;

namespace Escalator.LiveBackend.Execution;

/// <summary>Where a run stands, folded from its events: the current wave and, per target (host or stage-wide step), the
/// latest action and outcome, for the live view of <c>escalator run</c> and the API's status table. Thread-safe.</summary>
public sealed class RunStatus
{
    private readonly ConcurrentDictionary<string, TargetStatus> _targets = new(StringComparer.Ordinal);
    private int _ok;
    private int _failed;

    public string State { get; private set; } = "starting";

    public int CurrentWave { get; private set; }

    public int StepsOk => _ok;

    public int StepsFailed => _failed;

    /// <summary>The latest event of each target, ordered by wave then name.</summary>
    public IReadOnlyList<TargetStatus> Targets => [.. _targets.Values.OrderBy(t => t.Wave).ThenBy(t => t.Target, StringComparer.Ordinal)];

    public void Apply(ExecutionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Action == "run") State = e.Outcome;
        if (e.Action == "wave")
        {
            if (e.Outcome == "started") CurrentWave = e.Wave;
            return;
        }
        if (e.Target.Length == 0 || e.Outcome is "output" or "note") return;
        _targets[e.Target] = new TargetStatus(e.Wave, e.Target, e.Action, e.Outcome, e.Message, e.Time);
        if (e.Outcome == "ok") Interlocked.Increment(ref _ok);
        if (e.Outcome is "failed" or "timed-out") Interlocked.Increment(ref _failed);
    }
}

/// <summary>A target's latest action and how it stands.</summary>
public sealed record TargetStatus(int Wave, string Target, string Action, string Outcome, string Message, DateTimeOffset Time);
