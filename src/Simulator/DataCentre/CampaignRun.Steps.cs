using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Simulator.Engine;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.DataCentre;

internal sealed partial class CampaignRun
{
    /// <summary>Carries an attempt's end out of the iterator that ran it.</summary>
    private sealed class Attempt
    {
        public AttemptEnd End { get; set; }
    }

    /// <summary>One target's steps in order, each attempt followed by the one recovery decision (<see cref="Recovery"/>);
    /// a failed host stops its own steps, the rest of the wave goes on.</summary>
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
                var evacuation = new Evacuated();
                foreach (var e in Evacuation(target, steps[i..(last + 1)], evacuation)) yield return e;
                i = last;
                if (evacuation.Then is RecoveryAction.Go) continue;
                Consequence(target, evacuation.Then);
                yield break;
            }
            var attempt = new Attempt();
            for (var retries = 0; ; retries++)
            {
                var start = _sim.Now;
                foreach (var e in Run(target, steps[i], attempt)) yield return e;
                if (Tracing) Trace(target.Name, TimelineCategory.Step, $"{steps[i].Step.Detail}{(attempt.End == AttemptEnd.Ok ? "" : $" ({Words(attempt.End)})")}", start);
                var then = Recovery.Decide(steps[i].Step.OnTimeout, attempt.End, retries, _model.Campaign.Recovery, canFallBack: false);
                if (then == RecoveryAction.Retry)
                {
                    yield return _sim.Timeout(Recovery.RetryDelaySeconds(retries));
                    continue;
                }
                if (then is RecoveryAction.Go or RecoveryAction.Skip) break;
                Consequence(target, then);
                yield break;
            }
        }
        // The plan counts a host out of service only during its wave, with or without a leave-maintenance step.
        if (target.Host >= 0 && _dc.StatusOf(target.Host) == HostStatus.Maintenance) _dc.SetStatus(target.Host, HostStatus.InService);
    }

    /// <summary>What ends a target's steps early: a failure for good (<see cref="RecoveryAction.FailHost"/> or
    /// <see cref="RecoveryAction.Rollback"/>, whose meaning <see cref="Recovery.FailureOf"/> gives), or an abort, after
    /// which the executor enables again what it disabled.</summary>
    private void Consequence(TargetPlan target, RecoveryAction then)
    {
        if (then == RecoveryAction.Abort)
        {
            Stop(rollback: false);
            if (target.Host >= 0 && _dc.StatusOf(target.Host) == HostStatus.Maintenance) _dc.SetStatus(target.Host, HostStatus.InService);
            return;
        }
        Fails(target, Recovery.FailureOf(then, onHost: target.Host >= 0));
    }

    private static string Words(AttemptEnd end) => end switch
    {
        AttemptEnd.Failed => "failed",
        AttemptEnd.TimedOut => "timed out",
        AttemptEnd.HostLost => "host did not come back",
        _ => "ok",
    };

    /// <summary>Waits a drawn duration bounded by the step's timeout (one that would end just as the timeout expires is cut
    /// off, as the executor's is); a fault makes the attempt fail at its end.</summary>
    private IEnumerable<Event> Wait(double expected, double timeout, Attempt attempt, bool mayFail = true)
    {
        var d = _draw.Draw(expected);
        if (timeout > 0 && d >= timeout)
        {
            yield return _sim.Timeout(timeout);
            attempt.End = AttemptEnd.TimedOut;
            yield break;
        }
        yield return _sim.Timeout(d);
        attempt.End = mayFail && Fault(_settings.Faults.StepFails) ? AttemptEnd.Failed : AttemptEnd.Ok;
    }

    private IEnumerable<Event> Run(TargetPlan target, CompiledStep step, Attempt attempt)
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
                return Upgrade(target, step, attempt);
            case StepAction.Build:
                _dc.SetStatus(host, HostStatus.Maintenance);
                return Then(Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt), () => _dc.SetStatus(host, HostStatus.InService));
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
}
