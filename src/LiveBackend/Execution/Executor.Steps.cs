using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

public sealed partial class Executor
{
    /// <summary>A step about to be performed.</summary>
    /// <param name="InFlight">The journal shows it began and never ended: check the cloud before acting again.</param>
    private sealed record StepContext(Wave Wave, PlanStep Step, StepRef Ref, bool InFlight)
    {
        /// <summary>For an evacuation, which mode of its move's chain is in use (0: the planned one; more: fallbacks).</summary>
        public int Fallbacks { get; init; }

        /// <summary>The retries made so far (fallbacks do not count).</summary>
        public int Attempt { get; init; }

        public string Target => Step.Target;

        /// <summary>Whether the step's move has a fallback left.</summary>
        public bool CanFallBack => Step.Moves is [var move, ..] && Fallbacks < move.Chain.Length - 1;
    }

    /// <summary>How one attempt of a step ended.</summary>
    private readonly record struct Attempt(bool Ok, string? Error, bool TimedOut = false)
    {
        public static readonly Attempt Success = new(true, null);

        public static Attempt Fail(string error) => new(false, error);
    }

    private enum StepEnd
    {
        Ok,
        Skipped,

        /// <summary>The step failed for good: the host stays in maintenance and its remaining steps are not run.</summary>
        HostFailed,

        /// <summary>The step's expiry policy stopped the campaign.</summary>
        Stopped,
    }

    /// <summary>Performs a step, each attempt followed by the one recovery decision (<see cref="Recovery"/>): retry, fall
    /// back along the move's chain, skip, fail the host, abort or roll back.</summary>
    private async Task<StepEnd> PerformAsync(StepContext step, CancellationToken cancellationToken)
    {
        while (true)
        {
            var attempt = await AttemptAsync(step, cancellationToken).ConfigureAwait(true);
            var end = attempt.Ok ? AttemptEnd.Ok : attempt.TimedOut ? AttemptEnd.TimedOut : AttemptEnd.Failed;
            var action = Recovery.Decide(step.Step.OnTimeout, end, step.Attempt, _request.Campaign.Recovery, step.CanFallBack);
            switch (action)
            {
                case RecoveryAction.Go:
                    return StepEnd.Ok;
                case RecoveryAction.Retry:
                    await _backend.Time.DelayAsync(TimeSpan.FromSeconds(Recovery.RetryDelaySeconds(step.Attempt)), cancellationToken).ConfigureAwait(true);
                    step = step with { Attempt = step.Attempt + 1, InFlight = false };
                    continue;
                case RecoveryAction.FallBack:
                    step = step with { Fallbacks = step.Fallbacks + 1, InFlight = false };
                    continue;
                case RecoveryAction.Skip:
                    Journal(j => j.Complete(j.Intend(RunId, step.Ref, step.Step.Action.ToString(), "skipped by the step's expiry policy"), ActionOutcome.Skipped));
                    Emit(step.Wave.Number, step.Target, step.Step.Action.ToString(), "skipped", $"{step.Step.Detail}: skipped (policy skip after the wait expired)");
                    return StepEnd.Skipped;
                case RecoveryAction.Abort:
                    Failure(step, attempt, "the step's policy aborts the campaign");
                    RequestStop(Stop.Abort);
                    return StepEnd.Stopped;
                default:
                    var failure = Recovery.FailureOf(action, onHost: _hosts.Contains(new(step.Target)));
                    return await FailsAsync(step, attempt, failure, cancellationToken).ConfigureAwait(true);
            }
        }
    }

    /// <summary>A step failed for good, as <see cref="Recovery.FailureOf"/> says: its host fails, the campaign rolls back,
    /// or both.</summary>
    private async Task<StepEnd> FailsAsync(StepContext step, Attempt attempt, StepFailure failure, CancellationToken cancellationToken)
    {
        Failure(step, attempt, failure switch
        {
            { HostFails: false } => "the stage's step failed and the campaign rolls back",
            { RollsBack: true } => "the host stays in maintenance and the step's policy rolls the campaign back",
            _ => "the host stays in maintenance",
        });
        if (failure.HostFails) await HostFailsAsync(step, cancellationToken).ConfigureAwait(true);
        if (!failure.RollsBack) return StepEnd.HostFailed;
        RequestStop(Stop.Rollback);
        return StepEnd.Stopped;
    }

    /// <summary>A failed host stays out for an operator: disabled (again, if its procedure had enabled it already), so that
    /// Nova places nothing there, and left alone by later waves.</summary>
    private async Task HostFailsAsync(StepContext step, CancellationToken cancellationToken)
    {
        var host = new HostId(step.Target);
        lock (_gate) _failedHosts.Add(host);
        if (!_index.Host(host).Roles.HasFlag(HostRoles.Compute) || Journal(j => j.IsStillDisabled(RunId, host.Name, ComputeService))) return;
        await DisableAsync(host, ExecutionOptions.DisableReason(RunId, step.Wave.Number), 0, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>One attempt, bounded by the step's timeout (on the backend's clock), journaled before and after.</summary>
    private async Task<Attempt> AttemptAsync(StepContext step, CancellationToken cancellationToken)
    {
        var action = step.Step.Action.ToString();
        var detail = step.Step.Detail + (step.Attempt > 0 ? $" (attempt {step.Attempt + 1})" : "") + (step.Fallbacks > 0 ? " (fallback)" : "");
        if (step.InFlight) Journal(j => j.Interrupted(RunId, step.Ref));
        var entry = Journal(j => j.Intend(RunId, step.Ref, action, detail));
        var started = Now;
        Emit(step.Wave.Number, step.Target, action, step.InFlight ? "resumed" : "started", detail);
        Attempt attempt;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(step.Step.TimeoutSeconds), _backend.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            attempt = await DoAsync(step, linked.Token).ConfigureAwait(true);
            // Stopped from outside (a shutdown) while the step answered anyway (a VNFM wait reads cancellation as no reply):
            // the step did not end, it was interrupted; the journal keeps it in flight for the resume.
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            attempt = new Attempt(false, $"no end within its timeout of {step.Step.TimeoutSeconds:0.#} s", TimedOut: true);
        }
        catch (BackendFault e)
        {
            attempt = Attempt.Fail(e.Message);
        }
        if (attempt.Ok && Recovery.LeadLeftSeconds(step.Step, (Now - started).TotalSeconds) is > 0 and var lead)
        {
            await _backend.Time.DelayAsync(TimeSpan.FromSeconds(lead), cancellationToken).ConfigureAwait(true);
        }
        var seconds = (Now - started).TotalSeconds;
        Journal(j => j.Complete(entry, attempt.Ok ? ActionOutcome.Ok : ActionOutcome.Failed, attempt.Error));
        if (attempt.Ok) Interlocked.Increment(ref _stepsRun);
        Emit(step.Wave.Number, step.Target, action, attempt.Ok ? "ok" : attempt.TimedOut ? "timed-out" : "failed",
            attempt.Ok ? detail : $"{detail}: {attempt.Error}", attempt.Ok ? null : attempt.TimedOut ? "ESC-X11" : "ESC-X10", seconds);
        return attempt;
    }

    private void Failure(StepContext step, Attempt attempt, string consequence)
    {
        var text = $"wave {step.Wave.Number}, {step.Target}: {step.Step.Detail}: {attempt.Error}; {consequence}";
        lock (_gate) _failures.Add(text);
        Emit(step.Wave.Number, step.Target, step.Step.Action.ToString(), "failed", text, attempt.TimedOut ? "ESC-X11" : "ESC-X10");
    }
}
