using Escalator.Model.Campaigns;
using Escalator.Simulator.Engine;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.DataCentre;

internal sealed partial class CampaignRun
{
    /// <summary>How one attempt of a step ended.</summary>
    private enum StepEnd
    {
        Ok,
        Failed,
        TimedOut,

        /// <summary>The host did not come back: no retry helps.</summary>
        Lost,
    }

    /// <summary>Carries an attempt's end out of the iterator that ran it.</summary>
    private sealed class Attempt
    {
        public StepEnd End { get; set; }
    }

    /// <summary>One target's steps in order; a failed host stops its own steps, the rest of the wave goes on.</summary>
    private IEnumerable<Event> Target(WavePlan wave, TargetPlan target)
    {
        var steps = target.Steps;
        for (var i = 0; i < steps.Length; i++)
        {
            if (target.Host >= 0 && _dc.StatusOf(target.Host) == HostStatus.Failed) yield break;
            if (steps[i].Action == StepAction.Evacuate)
            {
                var last = i;
                while (last + 1 < steps.Length && steps[last + 1].Action == StepAction.Evacuate) last++;
                foreach (var e in Evacuation(target, steps[i..(last + 1)])) yield return e;
                i = last;
                continue;
            }
            var attempt = new Attempt();
            for (var tries = 0; ; tries++)
            {
                var start = _sim.Now;
                foreach (var e in Run(wave, target, steps[i], attempt)) yield return e;
                if (Tracing) Trace(target.Name, TimelineCategory.Step, $"{steps[i].Step.Detail}{(attempt.End == StepEnd.Ok ? "" : $" ({Words(attempt.End)})")}", start);
                var next = Decide(steps[i].Step.OnTimeout, attempt.End, tries);
                if (next == Next.Retry) continue;
                if (next == Next.Fail)
                {
                    foreach (var e in HostFails(wave, target, lost: attempt.End == StepEnd.Lost, rollback: attempt.End == StepEnd.TimedOut
                        && steps[i].Step.OnTimeout == ExpiryPolicy.Rollback)) yield return e;
                    yield break;
                }
                break;
            }
        }
        // The plan counts a host out of service only during its wave, with or without a leave-maintenance step.
        if (target.Host >= 0 && _dc.StatusOf(target.Host) == HostStatus.Maintenance) _dc.SetStatus(target.Host, HostStatus.InService);
    }

    private enum Next
    {
        Go,
        Retry,
        Fail,
    }

    /// <summary>The recovery policy for one attempt: retry up to the campaign's retries, or apply the step's expiry policy.</summary>
    private Next Decide(ExpiryPolicy onTimeout, StepEnd end, int tries)
    {
        var retries = _model.Campaign.Recovery.Retries;
        switch (end)
        {
            case StepEnd.Ok:
                return Next.Go;
            case StepEnd.Lost:
                return Next.Fail;
            case StepEnd.Failed:
                return tries < retries ? Next.Retry : Next.Fail;
        }
        switch (onTimeout)
        {
            case ExpiryPolicy.Retry or ExpiryPolicy.FallBack:
                return tries < retries ? Next.Retry : Next.Fail;
            case ExpiryPolicy.Skip:
                return Next.Go;
            case ExpiryPolicy.Abort:
                Stop(rollback: false);
                return Next.Go;
            default:
                return Next.Fail;
        }
    }

    private static string Words(StepEnd end) => end switch
    {
        StepEnd.Failed => "failed",
        StepEnd.TimedOut => "timed out",
        StepEnd.Lost => "host did not come back",
        _ => "ok",
    };

    /// <summary>Waits a drawn duration bounded by the step's timeout; a fault makes the attempt fail at its end.</summary>
    private IEnumerable<Event> Wait(double expected, double timeout, Attempt attempt, bool mayFail = true)
    {
        var d = _draw.Draw(expected);
        if (timeout > 0 && d > timeout)
        {
            yield return _sim.Timeout(timeout);
            attempt.End = StepEnd.TimedOut;
            yield break;
        }
        yield return _sim.Timeout(d);
        attempt.End = mayFail && Fault(_settings.Faults.StepFails) ? StepEnd.Failed : StepEnd.Ok;
    }

    private IEnumerable<Event> Run(WavePlan wave, TargetPlan target, CompiledStep step, Attempt attempt)
    {
        var s = step.Step;
        var host = target.Host;
        switch (step.Action)
        {
            case StepAction.EnterMaintenance:
                if (host >= 0 && _dc.StatusOf(host) == HostStatus.InService) _dc.SetStatus(host, HostStatus.Maintenance);
                return Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt);
            case StepAction.LeaveMaintenance:
                return Then(Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt, mayFail: false), () =>
                {
                    if (host >= 0 && _dc.StatusOf(host) == HostStatus.Maintenance) _dc.SetStatus(host, HostStatus.InService);
                });
            case StepAction.Notify:
                return Notify(target, step, attempt);
            case StepAction.Switchover:
                return Switchover(step, attempt);
            case StepAction.Upgrade:
                return Upgrade(wave, target, step, attempt);
            case StepAction.Build:
                _dc.SetStatus(host, HostStatus.Maintenance);
                return Then(Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt), () => _dc.SetStatus(host, HostStatus.InService));
            case StepAction.TransferState:
                return Wait(TransferSeconds(wave, s.ExpectedSeconds), s.TimeoutSeconds, attempt);
            case StepAction.Cutover:
                return Down(step, Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt), planned: true);
            case StepAction.Retire:
                return Retire(target, step, attempt);
            default:
                return Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt);
        }
    }

    /// <summary>Runs <paramref name="body"/>, then <paramref name="after"/>.</summary>
    private static IEnumerable<Event> Then(IEnumerable<Event> body, Action after)
    {
        foreach (var e in body) yield return e;
        after();
    }

    /// <summary>Takes the step's control-plane members down while <paramref name="body"/> runs.</summary>
    private IEnumerable<Event> Down(CompiledStep step, IEnumerable<Event> body, bool planned)
    {
        foreach (var (c, _) in step.Services) _dc.MemberDown(c, +1, planned);
        foreach (var e in body) yield return e;
        foreach (var (c, _) in step.Services) _dc.MemberDown(c, -1, planned);
    }

    /// <summary>A parallel universe's state transfer: its expected time, or the data over the link when the campaign gives the data.</summary>
    private double TransferSeconds(WavePlan wave, double expected)
    {
        if (_settings.StateGiB is not { } perHost) return expected;
        var hosts = _model.Plan.Stages.FirstOrDefault(s => s.Name == wave.Wave.Stage)?.Hosts.Length ?? 0;
        return perHost * hosts / _settings.TransferGiBps;
    }
}
