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
        var upgraded = Journal(j => j.Entries(RunId))
            .Where(e => e.Action == nameof(StepAction.Upgrade) && e.Outcome == ActionOutcome.Ok && e.Step.Wave > 0)
            .OrderByDescending(e => e.Id).Select(e => e.Step.Target).Distinct().Where(t => _hosts.Contains(new HostId(t))).ToList();
        Emit(0, "", "rollback", "started", $"rolling back ({mode.ToString().ToLowerInvariant()}) {upgraded.Count} hosts, newest first");
        var ok = true;
        foreach (var host in upgraded) ok &= await RollBackHostAsync(new HostId(host), mode, cancellationToken).ConfigureAwait(true);
        await EnableOursAsync(cancellationToken).ConfigureAwait(true);
        return ok ? RunState.RolledBack : RunState.Failed;
    }

    /// <summary>Rolls one host back, journaled as the step (wave 0, host, 0) so that a resumed rollback skips a host done,
    /// and bounded by the sum of the timeouts the plan gave the host's own steps.</summary>
    private async Task<bool> RollBackHostAsync(HostId host, RollbackMode mode, CancellationToken cancellationToken)
    {
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
        var limit = TimeSpan.FromSeconds(Math.Max(60, Plan.Waves.SelectMany(w => w.Steps).Where(s => s.Target == host.Name).Sum(s => s.TimeoutSeconds)));
        using var bound = new CancellationTokenSource(limit, _backend.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        string? why;
        try
        {
            why = await RollBackHostCoreAsync(host, mode, linked.Token).ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            why = $"no end within {limit.TotalSeconds:0} s (the timeouts of its steps, summed)";
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
    private async Task<string?> RollBackHostCoreAsync(HostId host, RollbackMode mode, CancellationToken cancellationToken)
    {
        var reason = $"{ExecutionOptions.ReasonPrefix} rollback of {RunId}";
        Journal(j => j.RecordDisabled(RunId, host.Name, ComputeService, reason));
        await _backend.SetHostEnabledAsync(host, false, reason, 0, cancellationToken).ConfigureAwait(true);
        foreach (var server in await _backend.ServersOnAsync(host, cancellationToken).ConfigureAwait(true))
        {
            var moveBy = _instances.Contains(new InstanceId(server.Name)) ? Recovery.RollbackMigrationMode(_index.VnfOf(new InstanceId(server.Name))) : MigrationMode.Live;
            var request = new MigrationRequest(server, moveBy, null, Recovery.RollbackPlannedSeconds(_request.Campaign), Fallback: true);
            var ticket = await _backend.StartMigrationAsync(request, cancellationToken).ConfigureAwait(true);
            var moved = await _backend.WaitMigrationAsync(ticket, cancellationToken).ConfigureAwait(true);
            if (!moved.Completed) return $"could not move {server.Name} away: {moved.Error}";
        }
        var original = Components(host);
        var upgrade = Plan.Waves.SelectMany(w => w.Steps).LastOrDefault(s => s.Target == host.Name && s.Action == StepAction.Upgrade);
        var seconds = upgrade is null ? 0 : Recovery.RollbackSeconds(_request.Campaign, upgrade);
        var action = new HostAction(StepAction.Upgrade, host.Name, RunId, 0, original, seconds) { Rollback = true };
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

    /// <summary>The versions a host had before the campaign, of the components the campaign upgrades.</summary>
    private Dictionary<string, string> Components(HostId host) =>
        _index.Host(host).Software.Where(p => _request.Campaign.Targets.ContainsKey(p.Key))
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

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
