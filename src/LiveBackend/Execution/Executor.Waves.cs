using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

public sealed partial class Executor
{
    /// <summary>Why a run stops before its last wave; the larger value wins when targets disagree.</summary>
    private enum Stop
    {
        None,

        /// <summary>An operator asked to suspend: the run stays resumable.</summary>
        Suspend,

        /// <summary>An operator asked to abort, or a step's policy said abort.</summary>
        Abort,

        /// <summary>Too many hosts failed, or a step's policy said roll back: the campaign's rollback applies.</summary>
        Rollback,
    }

    private volatile int _stop;

    /// <summary>An operator asked to stop, or the lock was lost: every target stops at its next step boundary.</summary>
    private volatile bool _interrupted;

    private Stop Stopping => (Stop)_stop;

    private void RequestStop(Stop stop)
    {
        int seen;
        do
        {
            seen = _stop;
            if ((int)stop <= seen) return;
        }
        while (Interlocked.CompareExchange(ref _stop, (int)stop, seen) != seen);
    }

    private async Task<Stop> RunWavesAsync(CancellationToken cancellationToken)
    {
        foreach (var wave in Plan.Waves)
        {
            var steps = wave.Steps.GroupBy(s => s.Target).ToList();
            Emit(wave.Number, "", "wave", "started", $"wave {wave.Number} ({wave.Stage}, {wave.Kind.ToString().ToLowerInvariant()}): {steps.Count} targets");
            await TakeOutAsync(wave, cancellationToken).ConfigureAwait(true);
            using (var slots = new SemaphoreSlim(_options.MaxParallel))
            {
                await Task.WhenAll(steps.Select(g => RunTargetAsync(wave, g.Key, [.. g], slots, cancellationToken))).ConfigureAwait(true);
            }
            if (_failedHosts.Count >= _request.Campaign.Recovery.MaxFailures) RequestStop(Stop.Rollback);
            foreach (var host in wave.Hosts.Where(h => !_failedHosts.Contains(h)))
            {
                await BackInServiceAsync(wave, host.Name, cancellationToken).ConfigureAwait(true);
            }
            if (Stopping != Stop.None) return Stopping;
            Emit(wave.Number, "", "wave", "ok", $"wave {wave.Number} done");
            if (await SoakAsync(wave, cancellationToken).ConfigureAwait(true) is false) return Stop.Rollback;
        }
        return Stop.None;
    }

    private async Task RunTargetAsync(Wave wave, string target, PlanStep[] steps, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(CancellationToken.None).ConfigureAwait(true); // not the token: see EvacuateAsync
        try
        {
            bool failed;
            lock (_gate) failed = _failedHosts.Contains(new HostId(target));
            if (failed)
            {
                Emit(wave.Number, target, "wave", "skipped", $"{target} failed earlier in this run and stays out for an operator: its steps of wave {wave.Number} are not run");
                return;
            }
            for (var i = 0; i < steps.Length; i++)
            {
                if (steps[i].Action != StepAction.Evacuate)
                {
                    if (await RunStepAsync(wave, target, steps[i], i, cancellationToken).ConfigureAwait(true) is StepEnd.HostFailed or StepEnd.Stopped) return;
                    continue;
                }
                var last = i;
                while (last + 1 < steps.Length && steps[last + 1].Action == StepAction.Evacuate) last++;
                if (!await EvacuateAsync(wave, target, steps, i, last, cancellationToken).ConfigureAwait(true)) return;
                i = last;
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Before a wave's first step, disables the compute service of each host the wave holds out
    /// (<see cref="Maintenance.HostsOut"/>), so that Nova places no VM there. A build wave's hosts are spares not yet in
    /// Nova: there is no service of theirs to disable, and they take no VMs until built.</summary>
    private async Task TakeOutAsync(Wave wave, CancellationToken cancellationToken)
    {
        if (wave.Kind == WaveKind.Build) return;
        var reason = ExecutionOptions.DisableReason(RunId, wave.Number);
        foreach (var host in Maintenance.HostsOut(wave).Where(h => _index.Host(h).Roles.HasFlag(HostRoles.Compute)))
        {
            if (Journal(j => j.IsStillDisabled(RunId, host.Name, ComputeService))) continue;
            await DisableAsync(host, reason, 0, cancellationToken).ConfigureAwait(true);
            Emit(wave.Number, host.Name, "EnterMaintenance", "ok", $"disabled {ComputeService} on {host}: it is in wave {wave.Number}, so nothing new is scheduled there");
        }
    }

    /// <summary>Enables a host of the wave again once the wave is done (also when a step's policy stops the campaign after
    /// it, before a rollback), if this run disabled it and its procedure did not enable it already; a failed host stays out
    /// for an operator, and an operator's stop leaves the wave as it is.</summary>
    private async Task BackInServiceAsync(Wave wave, string target, CancellationToken cancellationToken)
    {
        if ((CheckStop() != Stop.None && _interrupted) || !Journal(j => j.IsStillDisabled(RunId, target, ComputeService))) return;
        await _backend.SetHostEnabledAsync(new(target), enabled: true, null, 0, cancellationToken).ConfigureAwait(true);
        Journal(j => j.RecordReenabled(RunId, target, ComputeService));
        Emit(wave.Number, target, "LeaveMaintenance", "ok", $"enabled {ComputeService} on {target} again: wave {wave.Number} is done");
    }

    /// <summary>Empties a host: its evacuate steps <paramref name="first"/>..<paramref name="last"/> side by side, at most
    /// Nova's <c>max_concurrent_live_migrations</c> leaving at once, in the plan's order; once one fails the host or stops
    /// the run, no other starts. False when the target's remaining steps are not to run.</summary>
    private async Task<bool> EvacuateAsync(Wave wave, string target, PlanStep[] steps, int first, int last, CancellationToken cancellationToken)
    {
        using var outgoing = new SemaphoreSlim(_request.Campaign.Simulation.LiveMigration.MaxConcurrentPerHost);
        var ended = 0;
        var movers = Enumerable.Range(first, last - first + 1).Select(async i =>
        {
            // No token: SemaphoreSlim waits on a cancellable token by continuing on the thread pool, which would leave the
            // virtual-time loop; a mover that acquires its slot after a stop checks it at its step boundary.
            await outgoing.WaitAsync(CancellationToken.None).ConfigureAwait(true);
            try
            {
                if (Volatile.Read(ref ended) == 1) return;
                if (await RunStepAsync(wave, target, steps[i], i, cancellationToken).ConfigureAwait(true) is StepEnd.HostFailed or StepEnd.Stopped)
                {
                    Volatile.Write(ref ended, 1);
                }
            }
            finally
            {
                outgoing.Release();
            }
        }).ToList();
        await Task.WhenAll(movers).ConfigureAwait(true);
        return ended == 0;
    }

    /// <summary>Performs one step unless the journal has it done; at the step boundary, reads the operator's requests.</summary>
    private async Task<StepEnd> RunStepAsync(Wave wave, string target, PlanStep step, int index, CancellationToken cancellationToken)
    {
        var reference = new StepRef(wave.Number, target, index);
        var state = Journal(j => j.StateOf(RunId, reference));
        if (state == StepState.Done)
        {
            Interlocked.Increment(ref _stepsDone);
            return StepEnd.Ok;
        }
        // An operator's request (or a lost lock) stops every target here; a step's policy (abort, rollback) lets the other
        // targets of the wave in flight finish their steps, and no wave starts after it.
        if (CheckStop() != Stop.None && _interrupted) return StepEnd.Stopped;
        return await PerformAsync(new StepContext(wave, step, reference, state == StepState.InFlight), cancellationToken).ConfigureAwait(true);
    }

    /// <summary>At a step boundary: renews the cloud's lock when half its lease has passed and reads the operator's
    /// request from the journal.</summary>
    private Stop CheckStop()
    {
        if (Stopping != Stop.None) return Stopping;
        if (Now - _leaseRenewed > _options.LockLease / 2)
        {
            if (Journal(j => j.TryLock(_backend.Cloud, RunId, _options.Holder, _options.LockLease)) is { } other)
            {
                Emit(0, "", "lock", "lost", $"the lock on {_backend.Cloud} passed to {other.Holder} ({other.Campaign}): suspending", "ESC-X03");
                _interrupted = true;
                RequestStop(Stop.Suspend);
                return Stopping;
            }
            _leaseRenewed = Now;
        }
        switch (Journal(j => j.PendingControl(RunId)))
        {
            case ControlRequest.Suspend:
                _interrupted = true;
                RequestStop(Stop.Suspend);
                break;
            case ControlRequest.Abort:
                _interrupted = true;
                RequestStop(Stop.Abort);
                break;
        }
        return Stopping;
    }

    /// <summary>A canary's soak and gate checks after its wave; false when a gate check fails.</summary>
    private async Task<bool> SoakAsync(Wave wave, CancellationToken cancellationToken)
    {
        if (wave.SoakSeconds > 0)
        {
            Emit(wave.Number, "", "soak", "started", $"watching for {wave.SoakSeconds:0.#} s before the next wave");
            await _backend.Time.DelayAsync(TimeSpan.FromSeconds(wave.SoakSeconds), cancellationToken).ConfigureAwait(true);
        }
        if (wave.GateChecks.IsEmpty) return true;
        var gate = new Backends.HostAction(StepAction.Verify, wave.Stage, RunId, wave.Number, Components(wave, null), 0) { Checks = wave.GateChecks };
        var result = await _backend.RunActionAsync(gate, cancellationToken).ConfigureAwait(true);
        Emit(wave.Number, wave.Stage, "gate", result.Ok ? "ok" : "failed",
            result.Ok ? $"gate checks passed: {string.Join(", ", wave.GateChecks)}" : $"gate failed: {result.Error}", result.Ok ? null : "ESC-X20");
        if (!result.Ok) lock (_gate) _failures.Add($"wave {wave.Number}: gate failed: {result.Error}");
        return result.Ok;
    }

    /// <summary>The components the wave brings to target on <paramref name="target"/> (on all its targets when null), with
    /// their target versions, as the plan's upgrade and build steps say.</summary>
    private static Dictionary<string, string> Components(Wave wave, string? target)
    {
        var components = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in wave.Steps.Where(s => s.Action is StepAction.Upgrade or StepAction.Build && (target is null || s.Target == target)))
        {
            foreach (var v in step.Versions) components[v.Component] = v.To.ToString();
        }
        return components;
    }
}
