using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

public sealed partial class Executor
{
    /// <summary>Ends the run as its stop says: suspended (resumable, hosts stay as they are), aborted (what this run disabled
    /// is enabled again, except failed hosts), or stopped by failures (the campaign's rollback).</summary>
    private async Task<RunState> FinishAsync(Stop stop, CancellationToken cancellationToken)
    {
        switch (stop)
        {
            case Stop.None:
                return RunState.Completed;
            case Stop.Suspend:
                Journal(j => j.ClearControl(RunId));
                return RunState.Suspended;
            case Stop.Abort:
                Journal(j => j.ClearControl(RunId));
                await EnableOursAsync(cancellationToken).ConfigureAwait(true);
                return RunState.Aborted;
            default:
                Journal(j => j.SetRunState(RunId, RunState.RollingBack));
                return await RollbackAsync(cancellationToken).ConfigureAwait(true);
        }
    }

    /// <summary>Undoes the upgrades done, newest first, one host at a time: graceful (out of service, VMs moved away, back
    /// to the old versions, in service again) or restore from backup. <see cref="RollbackMode.None"/> leaves all as it is.</summary>
    private async Task<RunState> RollbackAsync(CancellationToken cancellationToken)
    {
        var mode = _request.Campaign.Recovery.Rollback;
        if (mode == RollbackMode.None)
        {
            var left = Journal(j => j.StillDisabled(RunId)).Select(d => d.Host);
            Emit(0, "", "rollback", "skipped", $"the campaign stops and leaves the cloud as it is (rollback: none); still disabled: {string.Join(", ", left)}");
            return RunState.Failed;
        }
        var done = Journal(j => j.Entries(RunId))
            .Where(e => e.Action == nameof(StepAction.Upgrade) && e.Outcome == ActionOutcome.Ok && e.Step.Wave > 0)
            .Select(e => Plan.Waves[e.Step.Wave - 1].Steps.Where(s => s.Target == e.Step.Target).ElementAt(e.Step.Index)).ToHashSet();
        var upgraded = Recovery.RollbackHosts(_request.Campaign, Plan, done).Where(h => _hosts.Contains(h.Host) && !_failedHosts.Contains(h.Host)).ToList();
        Emit(0, "", "rollback", "started", $"rolling back ({mode.ToString().ToLowerInvariant()}) {upgraded.Count} hosts, newest first");
        var ok = true;
        foreach (var back in upgraded) ok &= await RollBackHostAsync(back, mode, cancellationToken).ConfigureAwait(true);
        await EnableOursAsync(cancellationToken).ConfigureAwait(true);
        return ok ? RunState.RolledBack : RunState.Failed;
    }

    /// <summary>Rolls one host back, journaled as the step (wave 0, host, 0) so that a resumed rollback skips a host done,
    /// and bounded by <see cref="RollbackTarget.TimeoutSeconds"/>.</summary>
    private async Task<bool> RollBackHostAsync(RollbackTarget back, RollbackMode mode, CancellationToken cancellationToken)
    {
        var host = back.Host;
        var step = new StepRef(0, host.Name, 0);
        switch (Journal(j => j.StateOf(RunId, step)))
        {
            case StepState.Done:
                Emit(0, host.Name, "rollback", "note", $"{host} was rolled back before the run stopped: not again");
                return true;
            case StepState.InFlight:
                Journal(j => j.Interrupted(RunId, step));
                break;
        }
        var entry = Journal(j => j.Intend(RunId, step, "Rollback", $"{mode.ToString().ToLowerInvariant()} rollback of {host}"));
        Emit(0, host.Name, "rollback", "started", $"rolling {host} back ({mode.ToString().ToLowerInvariant()})");
        var limit = TimeSpan.FromSeconds(back.TimeoutSeconds);
        using var bound = new CancellationTokenSource(limit, _backend.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        string? why;
        try
        {
            why = await RollBackHostCoreAsync(back, mode, linked.Token).ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            why = $"no end within {limit.TotalSeconds:0} s";
        }
        catch (BackendFault e)
        {
            why = e.Message;
        }
        // Stopped from outside while a wait answered anyway: the host's rollback stays in flight for the resume.
        cancellationToken.ThrowIfCancellationRequested();
        Journal(j => j.Complete(entry, why is null ? ActionOutcome.Ok : ActionOutcome.Failed, why));
        return why is null || Failed(host, why);
    }

    /// <summary>Out of service, VMs moved away, back to the old versions; null when done, else why not.</summary>
    private async Task<string?> RollBackHostCoreAsync(RollbackTarget back, RollbackMode mode, CancellationToken cancellationToken)
    {
        var host = back.Host;
        await DisableAsync(host, $"{ExecutionOptions.ReasonPrefix} rollback of {RunId}", 0, cancellationToken).ConfigureAwait(true);
        var servers = await _backend.ServersOnAsync(host, cancellationToken).ConfigureAwait(true);
        foreach (var server in Recovery.RollbackEmptyingOrder(servers, s => s.Name))
        {
            var moveBy = _instances.Contains(new InstanceId(server.Name)) ? Recovery.RollbackMigrationMode(_index.VnfOf(new InstanceId(server.Name))) : MigrationMode.Live;
            if (moveBy == MigrationMode.None)
            {
                Emit(0, host.Name, "rollback", "note", $"{server.Name} may not migrate: it stays on {host} and is down while {host} is taken back");
                continue;
            }
            var request = new MigrationRequest(server, moveBy, null, Recovery.RollbackPlannedSeconds(_request.Campaign), Fallback: true);
            var ticket = await _backend.StartMigrationAsync(request, cancellationToken).ConfigureAwait(true);
            var moved = await _backend.WaitMigrationAsync(ticket, cancellationToken).ConfigureAwait(true);
            if (!moved.Completed)
            {
                Emit(0, host.Name, "rollback", "note", $"could not move {server.Name} away ({moved.Error}): it stays on {host} and is down while {host} is taken back");
            }
        }
        var original = _index.Host(host).Software.Where(p => back.Components.Contains(p.Key))
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var action = new HostAction(StepAction.Upgrade, host.Name, RunId, 0, original, back.Seconds) { Rollback = true };
        var result = await _backend.RunActionAsync(action, cancellationToken).ConfigureAwait(true);
        if (!result.Ok) return $"{(mode == RollbackMode.Restore ? "restore" : "downgrade")} failed: {result.Error}";
        Emit(0, host.Name, "rollback", "ok", $"{host} back to {string.Join(", ", original.Select(p => $"{p.Key} {p.Value}"))}");
        // Back in service at once, so that the next host's VMs may go there.
        await _backend.SetHostEnabledAsync(host, true, null, 0, cancellationToken).ConfigureAwait(true);
        Journal(j => j.RecordReenabled(RunId, host.Name, ComputeService));
        return null;
    }

    private bool Failed(HostId host, string why)
    {
        lock (_gate) _failures.Add($"rollback of {host}: {why}");
        Emit(0, host.Name, "rollback", "failed", $"rollback of {host}: {why}", "ESC-X30");
        return false;
    }

    /// <summary>Enables again every service this run disabled, except on hosts that failed (left for an operator).</summary>
    private async Task EnableOursAsync(CancellationToken cancellationToken)
    {
        foreach (var d in Journal(j => j.StillDisabled(RunId)))
        {
            var host = new HostId(d.Host);
            if (_failedHosts.Contains(host)) continue;
            await _backend.SetHostEnabledAsync(host, true, null, 0, cancellationToken).ConfigureAwait(true);
            Journal(j => j.RecordReenabled(RunId, d.Host, d.Service));
            Emit(0, d.Host, "LeaveMaintenance", "ok", $"enabled {d.Service} on {d.Host} again");
        }
    }
}
