using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Coordination;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

public sealed partial class Executor
{
    private Task<Attempt> DoAsync(StepContext step, CancellationToken cancellationToken) => step.Step.Action switch
    {
        StepAction.EnterMaintenance => EnterMaintenanceAsync(step, cancellationToken),
        StepAction.LeaveMaintenance => LeaveMaintenanceAsync(step, cancellationToken),
        StepAction.Notify => NotifyAsync(step, cancellationToken),
        StepAction.Switchover => SwitchoverAsync(step, cancellationToken),
        StepAction.Evacuate => EvacuateAsync(step, cancellationToken),
        _ => HostActionAsync(step, cancellationToken),
    };

    private async Task<Attempt> EnterMaintenanceAsync(StepContext step, CancellationToken cancellationToken)
    {
        await DisableAsync(new HostId(step.Target), ExecutionOptions.DisableReason(RunId, step.Wave.Number), step.Step.ExpectedSeconds, cancellationToken).ConfigureAwait(true);
        return Attempt.Success;
    }

    /// <summary>Disables the host's compute service, recording it first: a crash in between leaves a record of a service
    /// that may still be enabled (harmless to enable again), never a disabled one that nobody remembers.</summary>
    private async Task DisableAsync(HostId host, string reason, double expectedSeconds, CancellationToken cancellationToken)
    {
        Journal(j => j.RecordDisabled(RunId, host.Name, ComputeService, reason));
        await _backend.SetHostEnabledAsync(host, enabled: false, reason, expectedSeconds, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>Enables the host's compute service again, only if Escalator disabled it.</summary>
    private async Task<Attempt> LeaveMaintenanceAsync(StepContext step, CancellationToken cancellationToken)
    {
        var host = new HostId(step.Target);
        if (!Journal(j => j.IsStillDisabled(RunId, host.Name, ComputeService)))
        {
            Emit(step.Wave.Number, step.Target, "LeaveMaintenance", "note", $"{host} was not disabled by this run: left as it is");
            return Attempt.Success;
        }
        await _backend.SetHostEnabledAsync(host, enabled: true, null, step.Step.ExpectedSeconds, cancellationToken).ConfigureAwait(true);
        Journal(j => j.RecordReenabled(RunId, host.Name, ComputeService));
        return Attempt.Success;
    }

    /// <summary>Tells the VNFM of every coordinated VNF that the host's maintenance affects (its instances there when the
    /// wave began, by the plan, and those there now), all at once, and waits for the replies when the procedure asks for
    /// them. A NACK fails the step; no reply before the timeout is a timed-out wait.</summary>
    private async Task<Attempt> NotifyAsync(StepContext step, CancellationToken cancellationToken)
    {
        var host = new HostId(step.Target);
        var servers = await _backend.ServersOnAsync(host, cancellationToken).ConfigureAwait(true);
        var affected = servers.Select(s => new InstanceId(s.Name)).Where(_instances.Contains)
            .Union(step.Step.Notified)
            .GroupBy(i => _index.VnfOf(i)).Where(g => g.Key.Coordination.Coordinated).ToList();
        var fenix = step.Step.Event ?? FenixEvent.Maintenance;
        var wait = step.Step.WaitReply;
        var replies = await Task.WhenAll(affected.Select(g =>
            _vnfm.NotifyAsync(new VnfmNotice(RunId, g.Key.Id, fenix, [.. g], host, wait) { ExpectedSeconds = step.Step.ExpectedSeconds }, cancellationToken))).ConfigureAwait(true);
        return Judge(affected.Select(g => g.Key.Id).Zip(replies), fenix);
    }

    /// <summary>Asks the VNFM of an active-standby VNF to hand over from the instance on the host to its standby.</summary>
    private async Task<Attempt> SwitchoverAsync(StepContext step, CancellationToken cancellationToken)
    {
        if (step.Step.Unavailable is not [var switched, ..]) return Attempt.Success;
        var notice = new VnfmNotice(RunId, switched.Vnf, FenixEvent.PlannedMaintenance, [switched.Instance], new HostId(step.Target),
            WaitReply: true, Action: "switchover") { ExpectedSeconds = step.Step.ExpectedSeconds };
        var reply = await _vnfm.NotifyAsync(notice, cancellationToken).ConfigureAwait(true);
        return Judge([(switched.Vnf, reply)], FenixEvent.PlannedMaintenance);
    }

    private static Attempt Judge(IEnumerable<(VnfId Vnf, VnfmReply Reply)> replies, FenixEvent fenix)
    {
        var list = replies.ToList();
        if (list.FirstOrDefault(r => r.Reply.Answer == VnfmAnswer.Nack) is { Reply: not null } nack)
        {
            return Attempt.Fail($"the VNFM of {nack.Vnf} answered NACK_{FenixNames.Of(fenix)}{(nack.Reply.Detail is { } d ? $" ({d})" : "")}");
        }
        var silent = list.Where(r => r.Reply.Answer == VnfmAnswer.Timeout).Select(r => r.Reply.Detail is { } d ? $"{r.Vnf} ({d})" : r.Vnf.Name).ToList();
        return silent.Count == 0 ? Attempt.Success
            : new Attempt(false, $"no reply to {FenixNames.Of(fenix)} from the VNFM of {string.Join(", ", silent)}", TimedOut: true);
    }

    /// <summary>Backup, upgrade, verify and the parallel universe's actions: performed by the backend.</summary>
    private async Task<Attempt> HostActionAsync(StepContext step, CancellationToken cancellationToken)
    {
        var action = new HostAction(step.Step.Action, step.Target, RunId, step.Wave.Number, Components(step.Wave, step.Target), step.Step.ExpectedSeconds)
        {
            Checks = step.Step.Checks,
        };
        var result = await _backend.RunActionAsync(action, cancellationToken).ConfigureAwait(true);
        if (result.Output.Length > 0) Emit(step.Wave.Number, step.Target, step.Step.Action.ToString(), "output", result.Output);
        return result.Ok ? Attempt.Success : Attempt.Fail(result.Error ?? "failed");
    }

    /// <summary>The service Escalator disables on a host in maintenance.</summary>
    private const string ComputeService = "nova-compute";
}
