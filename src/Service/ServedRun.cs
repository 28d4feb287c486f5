using System.Text.Json;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Service;

/// <summary>One run as the API knows it: its inputs and plan, every event so far (event id N is the Nth, also in
/// <c>events.jsonl</c>), the status folded from them, and whether an execution of it is under way in this process.</summary>
/// <remarks>Thread-safe: the executor appends from its thread while requests read. Readers of the event stream wait on
/// <see cref="EventBatch.Changed"/>, which completes at the next event or at the end of the execution.</remarks>
internal sealed class ServedRun(string id, Submission submission, DataCentre topology, Campaign campaign, Plan plan)
{
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];
    private readonly List<string> _failures = [];
    private TaskCompletionSource _changed = NewSignal();
    private StreamWriter? _log;
    private ProgressFeed? _feed;
    private volatile bool _active;
    private ControlRequest? _asked;

    public string Id { get; } = id;

    public Submission Submission { get; } = submission;

    public DataCentre Topology { get; } = topology;

    public Campaign Campaign { get; } = campaign;

    public Plan Plan { get; } = plan;

    public RunStatus Status { get; } = new();

    /// <summary>Whether an execution of this run is under way in this process.</summary>
    public bool Active => _active;

    /// <summary>How the last execution in this process ended (null before one ends).</summary>
    public ExecutionResult? Result { get; private set; }

    /// <summary>Why the last execution failed in Escalator itself (an exception), or null.</summary>
    public string? Fault { get; private set; }

    /// <summary>The execution under way (or the last one); completed when there is none.</summary>
    public Task Execution { get; set; } = Task.CompletedTask;

    /// <summary>Completes when the progress webhooks of the last execution have had every event.</summary>
    public Task Sent { get; private set; } = Task.CompletedTask;

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate) return [.. _failures];
        }
    }

    /// <summary>What an operator last asked of the execution under way (suspend, abort), re-issued to the journal once the
    /// executor has started: it clears requests older than its start.</summary>
    public ControlRequest? Asked
    {
        get
        {
            lock (_gate) return _asked;
        }
    }

    public void Ask(ControlRequest request)
    {
        lock (_gate) _asked = request;
    }

    public int EventCount
    {
        get
        {
            lock (_gate) return _events.Count;
        }
    }

    /// <summary>Takes in the events of earlier executions, as kept on disk.</summary>
    public void Replay(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            foreach (var line in lines)
            {
                if (Parse(line) is not { } e) continue;
                _events.Add(line);
                Fold(e);
            }
        }
    }

    /// <summary>An execution starts: events go to <paramref name="log"/> and <paramref name="feed"/> from now on.</summary>
    /// <param name="asked">A request to act on as soon as the executor has started (abort a suspended run), or null.</param>
    public void Begin(StreamWriter log, ProgressFeed feed, ControlRequest? asked)
    {
        lock (_gate)
        {
            (_log, _feed, _active, _asked, Result, Fault, Sent) = (log, feed, true, asked, null, null, feed.Sent);
        }
    }

    /// <summary>Records an event of the execution (the executor's emit callback; never blocks on a reader or a webhook).</summary>
    public void Append(ExecutionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var json = EventLog.Json(e);
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(json);
            _log?.WriteLine(json);
            _feed?.Post(_events.Count, json);
            Fold(e);
            (changed, _changed) = (_changed, NewSignal());
        }
        changed.TrySetResult();
    }

    /// <summary>The execution ended, with a result or a fault of Escalator itself.</summary>
    public void End(ExecutionResult? result, string? fault)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _log?.Dispose();
            _feed?.Complete();
            (_log, _feed, _active, Result, Fault) = (null, null, false, result, fault);
            if (fault is not null) _failures.Add($"escalator failed: {fault}");
            (changed, _changed) = (_changed, NewSignal());
        }
        changed.TrySetResult();
    }

    /// <summary>The events after event id <paramref name="after"/>, whether the run is idle (no more will come now), and a
    /// task that completes when that changes.</summary>
    public EventBatch Since(int after)
    {
        lock (_gate)
        {
            var from = Math.Clamp(after, 0, _events.Count);
            return new EventBatch(from + 1, _events.GetRange(from, _events.Count - from), !_active, _changed.Task);
        }
    }

    private void Fold(ExecutionEvent e)
    {
        Status.Apply(e);
        if (e.Outcome is "failed" or "timed-out" or "refused")
        {
            var where = e.Wave > 0 ? $"wave {e.Wave} " : "";
            _failures.Add($"{where}{(e.Target.Length > 0 ? e.Target + " " : "")}{e.Action} {e.Outcome}: {e.Message}");
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads back a line of <see cref="EventLog.Json"/>; null for a line a crash cut short.</summary>
    private static ExecutionEvent? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var r = document.RootElement;
            string Text(string name) => r.GetProperty(name).GetString() ?? "";
            return new ExecutionEvent(r.GetProperty("time").GetDateTimeOffset(), Text("campaign"), r.GetProperty("wave").GetInt32(), Text("object"),
                Text("action"), Text("outcome"), Text("message"), r.TryGetProperty("code", out var code) ? code.GetString() : null,
                r.TryGetProperty("seconds", out var seconds) ? seconds.GetDouble() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

