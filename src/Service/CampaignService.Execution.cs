using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Plans;

namespace Escalator.Service;

internal sealed partial class CampaignService
{
    /// <summary>How long the cloud's lock lasts without renewal, as for <c>escalator run</c>.</summary>
    private static readonly TimeSpan LockLease = TimeSpan.FromMinutes(10);

    /// <summary><c>POST …/suspend</c>: asks the execution under way to stop at its next step boundary, resumable.</summary>
    public ApiReply Suspend(string id) => Control(id, ControlRequest.Suspend);

    /// <summary><c>POST …/abort</c>: asks the execution under way to stop at its next step boundary and enable again what it
    /// disabled; a suspended or interrupted run is started again for that (it stops before its first step).</summary>
    public ApiReply Abort(string id) => Control(id, ControlRequest.Abort);

    /// <summary><c>POST …/resume</c>: starts a suspended or interrupted run again; it goes on from its journal.</summary>
    public ApiReply Resume(string id)
    {
        if (Find(id, out var problem) is not { } run) return problem!;
        lock (_gate)
        {
            if ((Closing() ?? Resumable(run)) is { } refused) return refused;
            Start(run, null);
        }
        return Accepted(run, "resume");
    }

    private ApiReply Control(string id, ControlRequest request)
    {
        if (Find(id, out var problem) is not { } run) return problem!;
        var word = request.ToString().ToLowerInvariant();
        lock (_gate)
        {
            if (run.Active)
            {
                run.Ask(request);
                Journal(j => j.RequestControl(id, request));
                return Accepted(run, word);
            }
            if (request == ControlRequest.Suspend || Resumable(run) is not null)
            {
                return ApiReply.Conflict("not-running", $"run '{id}' is {StateOf(run, Journal(j => j.StateOfRun(id)))}: there is nothing to {word}");
            }
            if (Closing() is { } closing) return closing;
            Start(run, ControlRequest.Abort);
        }
        return Accepted(run, word);
    }

    private static ApiReply Accepted(ServedRun run, string what) =>
        new(202, new { run = run.Id, requested = what, location = Location(run.Id) }) { Location = Location(run.Id) };

    /// <summary>Why a run cannot be started again (held under <see cref="_gate"/>); null when it is suspended or interrupted.</summary>
    private ApiReply? Resumable(ServedRun run)
    {
        var state = StateOf(run, Journal(j => j.StateOfRun(run.Id)));
        return state is "suspended" or "interrupted" ? null
            : ApiReply.Conflict("not-resumable", $"run '{run.Id}' is {state}: only a suspended or interrupted run resumes");
    }

    /// <summary>Starts an execution of the run on a long-running thread of its own (held under <see cref="_gate"/>).</summary>
    private void Start(ServedRun run, ControlRequest? asked)
    {
        var submission = run.Submission;
        var request = new ExecutionRequest(run.Id, run.Campaign, run.Topology, run.Plan, PlanJson.Write(run.Plan),
            new SafetyCheck(submission.Safe, submission.Verdict, submission.OverrideVerdict));
        var log = new StreamWriter(_store.EventsPath(run.Id), append: true) { AutoFlush = true };
        var feed = new ProgressFeed(run.Id, [.. _settings.ProgressWebhooks, .. submission.Webhooks], _webhooks, _settings.WebhookTimeout, _time, _log);
        run.Begin(log, feed, asked);
        run.Execution = Task.Factory.StartNew(() => Execute(run, request), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Execute(ServedRun run, ExecutionRequest request)
    {
        ExecutionResult? result = null;
        string? fault = null;
        try
        {
            var engine = _engines(request);
            using var journal = CampaignJournal.Open(_store.JournalPath, engine.Time, engine.Durable);
            // A lock left by a service that was killed is taken over at once, as escalator run does.
            var options = ExecutionOptions.ForThisProcess(LockLease);
            result = engine.Execute(request, journal, options, e => Emitted(run, e), _abandon.Token);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            fault = "stopped with the service before a step boundary; resume it (the journal knows the step in flight)";
        }
        catch (Exception e)
        {
            // A failed execution must not take the service down: it is reported on the run and logged.
            fault = $"{e.GetType().Name}: {e.Message}";
            _log.WriteLine($"escalator serve: run {run.Id}: the execution failed: {fault}");
        }
        finally
        {
            run.End(result, fault);
        }
    }

    /// <summary>The executor's emit callback: records the event, and once the executor has started (it clears older
    /// requests) writes the operator's pending request into the journal again.</summary>
    private void Emitted(ServedRun run, ExecutionEvent e)
    {
        run.Append(e);
        if (e is { Action: "run", Outcome: "started" or "resumed" } && run.Asked is { } asked) Journal(j => j.RequestControl(run.Id, asked));
    }

    /// <summary>Stops gracefully: refuses new work, asks every execution to suspend at its next step boundary and waits for
    /// them up to <see cref="ServeSettings.ShutdownGrace"/>; then cancels those still running (a crash, for the journal:
    /// they resume), lets the progress webhooks catch up (bounded) and ends the event streams.</summary>
    public async Task ShutdownAsync()
    {
        List<ServedRun> active;
        lock (_gate)
        {
            _closing = true;
            active = [.. _runs.Values.Where(r => r.Active)];
            foreach (var run in active)
            {
                run.Ask(ControlRequest.Suspend);
                Journal(j => j.RequestControl(run.Id, ControlRequest.Suspend));
            }
        }
        var executions = Task.WhenAll(active.Select(r => r.Execution));
        if (!await EndsWithinAsync(executions, _settings.ShutdownGrace).ConfigureAwait(false))
        {
            _log.WriteLine($"escalator serve: runs still in a step after {_settings.ShutdownGrace.TotalSeconds:0} s: stopping them there; they resume from the journal");
            await _abandon.CancelAsync().ConfigureAwait(false);
            await EndsWithinAsync(executions, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        List<Task> feeds;
        lock (_gate) feeds = [.. _runs.Values.Select(r => r.Sent)];
        await EndsWithinAsync(Task.WhenAll(feeds), _settings.WebhookTimeout * 2).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    private async Task<bool> EndsWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
