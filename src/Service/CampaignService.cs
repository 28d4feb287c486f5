using Escalator.LiveBackend.Coordination;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Pipeline;

namespace Escalator.Service;

/// <summary>The campaigns of <c>escalator serve</c>: accepts them, runs each on its own long-running thread through an
/// engine, keeps their files and events in the state directory, answers what the endpoints ask, and stops them gracefully.</summary>
/// <remarks>
/// <para>The engine seam: <c>engines</c> makes the <see cref="IRunEngine"/> of each execution (the simulated data centre,
/// or a live cloud, which needs <see cref="Mailbox"/>). One journal file holds every run; each execution opens its own
/// connection to it on the engine's clock, and requests share one more, serialised here.</para>
/// <para>Run states, as answered: <c>running</c> (an execution is under way here), the journal's <c>suspended</c>,
/// <c>completed</c>, <c>aborted</c>, <c>rolled-back</c>, <c>failed</c>; <c>interrupted</c> (the journal says running but
/// nothing runs it: the service stopped without suspending it; resumable); <c>refused</c> or <c>not-started</c> (accepted,
/// never begun by the executor: its events say why).</para>
/// </remarks>
internal sealed partial class CampaignService : IDisposable
{
    private readonly ServeSettings _settings;
    private readonly Func<ExecutionRequest, IRunEngine> _engines;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly RunStore _store;
    private readonly CampaignJournal _journal;
    private readonly Lock _journalGate = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServedRun> _runs = new(StringComparer.Ordinal);
    private readonly HttpClient _webhooks = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abandon = new();
    private bool _closing;

    /// <exception cref="JournalException">The state directory's journal cannot be used.</exception>
    /// <exception cref="IOException">The state directory cannot be created.</exception>
    public CampaignService(ServeSettings settings, Func<ExecutionRequest, IRunEngine> engines, TimeProvider time, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(engines);
        (_settings, _engines, _time, _log) = (settings, engines, time, log);
        Directory.CreateDirectory(settings.StateDirectory);
        _store = new RunStore(settings.StateDirectory);
        _journal = CampaignJournal.Open(_store.JournalPath, time);
    }

    public ServeSettings Settings => _settings;

    public TimeProvider Time => _time;

    /// <summary>The service's log (standard error): faults, webhooks that fail, Keystone outages.</summary>
    public TextWriter Log => _log;

    /// <summary>Where VNF managers' replies meet the notices awaiting them (a live engine registers its waits here).</summary>
    public VnfmMailbox Mailbox { get; } = new();

    /// <summary>Cancelled when the service stops: event streams end.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>A run by id: in memory, or loaded from the state directory; null with the reply to give when there is none.</summary>
    public ServedRun? Find(string id, out ApiReply? problem)
    {
        problem = null;
        if (!RunStore.IsValidId(id))
        {
            problem = ApiReply.NotFound($"no run '{id}' (a run id is letters, digits, '.', '_' and '-')");
            return null;
        }
        lock (_gate)
        {
            if (_runs.TryGetValue(id, out var known)) return known;
        }
        var submission = _store.Load(id, out var damaged);
        if (submission is null)
        {
            problem = damaged is null ? ApiReply.NotFound($"no run '{id}'; GET /v1/campaigns lists the runs") : ApiReply.Error(500, "damaged", damaged);
            return null;
        }
        var inputs = CampaignInputs.FromText("topology", submission.Topology, "campaign", submission.Campaign);
        if (!inputs.CanExpand)
        {
            problem = ApiReply.Error(500, "damaged", $"the files kept for run '{id}' no longer load: {(inputs.Diagnostics.Count > 0 ? inputs.Diagnostics[0] : "no campaign")}");
            return null;
        }
        var expanded = inputs.Expand();
        var run = new ServedRun(id, submission, expanded.Topology, expanded.Campaign, expanded.Plan);
        run.Replay(_store.Events(id));
        lock (_gate)
        {
            return _runs.TryAdd(id, run) ? run : _runs[id];
        }
    }

    /// <summary><c>GET /v1/campaigns</c>: every run kept, with its state.</summary>
    public ApiReply List()
    {
        var journaled = Journal(j => j.Runs()).ToDictionary(r => r.Campaign, StringComparer.Ordinal);
        var runs = _store.Ids().Select(id =>
        {
            ServedRun? run;
            lock (_gate) run = _runs.GetValueOrDefault(id);
            var found = journaled.TryGetValue(id, out var j);
            return new { run = id, state = StateOf(run, found ? j.State : null), cloud = found ? j.Cloud : null, location = Location(id) };
        });
        return ApiReply.Ok(new { runs = runs.ToList() });
    }

    /// <summary><c>GET /v1/campaigns/RUN</c>: the status table.</summary>
    public ApiReply Status(string id)
    {
        if (Find(id, out var problem) is not { } run) return problem!;
        var state = StateOf(run, Journal(j => j.StateOfRun(id)));
        return ApiReply.Ok(StatusTable.Of(run, state, Journal(j => j.Entries(id)), Mailbox.Awaiting(id)));
    }

    public static string Location(string id) => $"/v1/campaigns/{id}";

    private static string StateOf(ServedRun? run, RunState? journaled)
    {
        if (run?.Active == true) return "running";
        return journaled switch
        {
            RunState.Running => "interrupted",
            RunState.RolledBack => "rolled-back",
            RunState.RollingBack => "rolling-back",
            { } state => state.ToString().ToLowerInvariant(),
            null when run?.Result?.Refused == true => "refused",
            null when run?.Fault is not null => "failed",
            _ => "not-started",
        };
    }

    private T Journal<T>(Func<CampaignJournal, T> use)
    {
        lock (_journalGate) return use(_journal);
    }

    private void Journal(Action<CampaignJournal> use)
    {
        lock (_journalGate) use(_journal);
    }

    public void Dispose()
    {
        _journal.Dispose();
        _webhooks.Dispose();
        _stopping.Dispose();
        _abandon.Dispose();
    }
}
