using Escalator.Model.Semantics;
using Escalator.Simulator.Engine;

namespace Escalator.Simulator.DataCentre;

internal sealed partial class CampaignRun
{
    /// <summary>A Fenix notification: the replies take its expected time, drawn, bounded by the step's timeout and the
    /// shortest reply timeout of the VNF managers told (a silent one, a fault, times it out there); when it waits for
    /// replies it also lasts at least the lead time they are owed, a deliberate wait.</summary>
    private IEnumerable<Event> Notify(TargetPlan target, CompiledStep step, Attempt attempt)
    {
        var s = step.Step;
        if (!s.WaitReply || target.Host < 0)
        {
            foreach (var e in Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt, mayFail: false)) yield return e;
            yield break;
        }
        var start = _sim.Now;
        var bound = s.TimeoutSeconds > 0 ? s.TimeoutSeconds : double.PositiveInfinity;
        var silent = false;
        foreach (var vnf in CoordinatedOn(target.Host))
        {
            bound = Math.Min(bound, vnf.Vnf.Coordination.ReplyTimeoutSeconds);
            silent |= Fault(_settings.Faults.VnfmSilent);
        }
        if (silent)
        {
            yield return _sim.Timeout(bound);
            attempt.End = AttemptEnd.TimedOut;
            yield break;
        }
        foreach (var e in Wait(s.ExpectedSeconds, bound, attempt, mayFail: false)) yield return e;
        if (attempt.End == AttemptEnd.Ok && Recovery.LeadLeftSeconds(s, _sim.Now - start) is > 0 and var left) yield return _sim.Timeout(left);
    }

    private IEnumerable<VnfInfo> CoordinatedOn(int host)
    {
        var seen = new HashSet<int>();
        foreach (var i in _dc.InstancesOn(host))
        {
            var v = _model.Instances[i].Vnf;
            if (_model.Vnfs[v].Vnf.Coordination.Coordinated && seen.Add(v)) yield return _model.Vnfs[v];
        }
    }

    /// <summary>A planned switchover: the VNF manager is asked and answers in the step's time; the VNF is out meanwhile, then
    /// the standby is active. Where the instance is no longer the active one (a failover happened first) or no standby can
    /// take over, the answer changes nothing.</summary>
    private IEnumerable<Event> Switchover(CompiledStep step, Attempt attempt)
    {
        var vnf = _model.Instances[step.Instance].Vnf;
        var switching = _dc.ActiveOf(vnf) == step.Instance && _dc.BeginSwitchover(vnf);
        foreach (var e in Wait(step.Step.ExpectedSeconds, step.Step.TimeoutSeconds, attempt, mayFail: false)) yield return e;
        if (switching) _dc.EndSwitchover(vnf);
    }

    /// <summary>The upgrade: the host is down (with any VM still on it when the components affect VMs) and its control-plane
    /// members with it. A host that does not come back stays down.</summary>
    private IEnumerable<Event> Upgrade(TargetPlan target, CompiledStep step, Attempt attempt)
    {
        var host = target.Host;
        var s = step.Step;
        _dc.SetStatus(host, HostStatus.Down);
        // Until it ends well, the host holds these down; a retry keeps holding them, a restore releases them.
        if (!_held.ContainsKey(host))
        {
            var left = target.AffectsVms ? _dc.InstancesOn(host).ToArray() : [];
            foreach (var i in left) _dc.Down(i, +1);
            foreach (var (c, _) in step.Services) _dc.MemberDown(c, +1, planned: false);
            _held[host] = (left, step.Services);
        }
        if (Fault(_settings.Faults.HostNotBack))
        {
            // Nobody knows it will not come back until the timeout expires.
            yield return _sim.Timeout(s.TimeoutSeconds > 0 ? s.TimeoutSeconds : _draw.Draw(s.ExpectedSeconds));
            attempt.End = AttemptEnd.HostLost;
            yield break;
        }
        foreach (var e in Wait(s.ExpectedSeconds, s.TimeoutSeconds, attempt)) yield return e;
        if (attempt.End != AttemptEnd.Ok) yield break;
        Release(host);
        _dc.SetStatus(host, HostStatus.Maintenance);
        _upgradesDone.Add(s);
    }

    /// <summary>A parallel universe retires an old host: what is still on it is lost for good.</summary>
    private IEnumerable<Event> Retire(TargetPlan target, CompiledStep step, Attempt attempt)
    {
        foreach (var e in Wait(step.Step.ExpectedSeconds, step.Step.TimeoutSeconds, attempt, mayFail: false)) yield return e;
        foreach (var i in _dc.InstancesOn(target.Host).ToArray()) _dc.Lose(i, target.Name);
        _dc.SetStatus(target.Host, HostStatus.Retired);
    }

    /// <summary>A step failed for good (<see cref="Recovery.FailureOf"/>): a failed host counts against the recovery policy's
    /// limit and stays out, with whatever its upgrade took down, for an operator (the executor leaves it in maintenance); at
    /// the limit, or when the failure says so, the campaign stops and rolls back the hosts it upgraded.</summary>
    private void Fails(TargetPlan target, StepFailure failure)
    {
        if (failure.HostFails)
        {
            _failures++;
            _dc.SetStatus(target.Host, HostStatus.Failed);
        }
        if (failure.RollsBack || _failures >= _model.Campaign.Recovery.MaxFailures) Stop(rollback: true);
    }

    /// <summary>Brings back what a host's upgrade took down.</summary>
    private void Release(int host)
    {
        if (!_held.Remove(host, out var held)) return;
        foreach (var i in held.Instances) _dc.Down(i, -1);
        foreach (var (c, _) in held.Services) _dc.MemberDown(c, -1, planned: false);
    }
}
