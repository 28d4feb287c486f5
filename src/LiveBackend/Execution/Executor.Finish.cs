using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Campaigns;
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

    private async Task<bool> RollBackHostAsync(HostId host, RollbackMode mode, CancellationToken cancellationToken)
    {
        var reason = $"{ExecutionOptions.ReasonPrefix} rollback of {RunId}";
        Journal(j => j.RecordDisabled(RunId, host.Name, ComputeService, reason));
        await _backend.SetHostEnabledAsync(host, false, reason, cancellationToken).ConfigureAwait(true);
        foreach (var server in await _backend.ServersOnAsync(host, cancellationToken).ConfigureAwait(true))
        {
            var ticket = await _backend.StartMigrationAsync(server, MigrationMode.Live, null, cancellationToken).ConfigureAwait(true);
            var moved = await _backend.WaitMigrationAsync(ticket, cancellationToken).ConfigureAwait(true);
            if (!moved.Completed) return Failed(host, $"could not move {server.Name} away: {moved.Error}");
        }
        var original = Components(host);
        var action = new HostAction(StepAction.Upgrade, host.Name, RunId, 0, original, 0) { Rollback = true };
        var result = await _backend.RunActionAsync(action, cancellationToken).ConfigureAwait(true);
        if (!result.Ok) return Failed(host, $"{(mode == RollbackMode.Restore ? "restore" : "downgrade")} failed: {result.Error}");
        Emit(0, host.Name, "rollback", "ok", $"{host} back to {string.Join(", ", original.Select(p => $"{p.Key} {p.Value}"))}");
        return true;
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
            await _backend.SetHostEnabledAsync(host, true, null, cancellationToken).ConfigureAwait(true);
            Journal(j => j.RecordReenabled(RunId, d.Host, d.Service));
            Emit(0, d.Host, "LeaveMaintenance", "ok", $"enabled {d.Service} on {d.Host} again");
        }
    }
}
