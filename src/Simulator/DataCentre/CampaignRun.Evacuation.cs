using Escalator.Model.Campaigns;
using Escalator.Model.Topology;
using Escalator.Simulator.Engine;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.DataCentre;

internal sealed partial class CampaignRun
{
    /// <summary>Empties a host: one process per VM, at most Nova's <c>max_concurrent_live_migrations</c> leaving at once.</summary>
    private IEnumerable<Event> Evacuation(TargetPlan target, CompiledStep[] steps)
    {
        var movers = new Event[steps.Length];
        for (var k = 0; k < steps.Length; k++) movers[k] = _sim.Start(Evacuate(target, steps[k]), steps[k].Step.Detail);
        yield return _sim.AllOf(movers);
    }

    /// <summary>Moves one VM as its step says, within the step's timeout, falling back and retrying as the campaign says.</summary>
    private IEnumerable<Event> Evacuate(TargetPlan target, CompiledStep step)
    {
        using var slot = Outgoing(target.Host).Request();
        yield return slot;
        var instance = step.Instance;
        if (instance < 0 || _dc.HostOf(instance) != target.Host) yield break;
        var mode = step.Step.Moves[0].Mode;
        var moveOnce = step.Source?.MoveOnce ?? false;
        for (var tries = 0; ; tries++)
        {
            var to = Destination(instance, step.To, moveOnce);
            if (to < 0) yield break;
            var moved = new Attempt();
            var timeout = step.Step.TimeoutSeconds > 0 ? step.Step.TimeoutSeconds : double.PositiveInfinity;
            // A planned cold move takes the step's expected time, as the solver counts it; a fallback has no estimate.
            var planned = tries == 0 && mode == step.Step.Moves[0].Mode ? step.Step.ExpectedSeconds : (double?)null;
            foreach (var e in Migrate(target.Name, instance, to, mode, timeout, moved, planned)) yield return e;
            if (moved.End == StepEnd.Ok) yield break;
            // Nova aborted at its completion timeout: the procedure's fallback decides.
            if (moved.End == StepEnd.Failed)
            {
                if (FallbackFor(instance, step.Source) is not { } fallback) yield break;
                mode = fallback;
                continue;
            }
            switch (step.Step.OnTimeout)
            {
                case ExpiryPolicy.FallBack when FallbackFor(instance, step.Source) is { } fallback && fallback != mode:
                    mode = fallback;
                    continue;
                case ExpiryPolicy.Retry or ExpiryPolicy.FallBack when tries < _model.Campaign.Recovery.Retries:
                    continue;
                case ExpiryPolicy.Abort:
                    Stop(rollback: false);
                    break;
                case ExpiryPolicy.Rollback:
                    Stop(rollback: true);
                    break;
            }
            yield break;
        }
    }

    /// <summary>The procedure's fallback mode, if the VM allows it (a live-migratable VM can also be cold-migrated).</summary>
    private MigrationMode? FallbackFor(int instance, ProcedureStep? source)
    {
        var allowed = _model.Instances[instance].Mode;
        return source?.Fallback is { } f && (f == allowed || (allowed == MigrationMode.Live && f == MigrationMode.Cold)) ? f : null;
    }

    /// <summary>One migration to <paramref name="to"/>: Ok when the VM runs there, Failed when Nova aborted it, TimedOut when
    /// the step's timeout came first (the migration is then aborted too).</summary>
    /// <param name="coldSeconds">A cold move's expected time; null: stop and start plus the disk over the link.</param>
    private IEnumerable<Event> Migrate(string lane, int instance, int to, MigrationMode mode, double timeout, Attempt result,
        double? coldSeconds = null)
    {
        var info = _model.Instances[instance];
        var start = _sim.Now;
        var from = _dc.HostOf(instance);
        // Labels only for a traced run: formatting one per migration would cost more than simulating it.
        var label = Tracing ? $"{mode.ToString().ToLowerInvariant()}-migrate {info.Id} to {_model.Hosts[to].Id}" : "";
        if (mode == MigrationMode.Cold)
        {
            // Stop, copy the disk, start on the destination: down all along.
            var seconds = _draw.Draw(coldSeconds ?? _settings.ColdBootSeconds + info.DiskGiB / _settings.MigrationGiBps);
            if (seconds > timeout) seconds = timeout;
            _dc.Move(instance, to);
            _dc.Down(instance, +1);
            yield return _sim.Timeout(seconds);
            _dc.Down(instance, -1);
            if (seconds >= timeout) _dc.Move(instance, from);
            Count(seconds < timeout, info.DiskGiB);
            result.End = seconds < timeout ? StepEnd.Ok : StepEnd.TimedOut;
            Trace(lane, TimelineCategory.Migration, label, start);
            yield break;
        }
        var dirty = _draw.Draw(info.DirtyGiBps);
        // A guest that does not converge dirties memory faster than the link can send it.
        if (Fault(_settings.Faults.MigrationNoConvergence)) dirty = Math.Max(dirty, 1.2 * _settings.MigrationGiBps);
        var outcome = PreCopy.Migrate(info.MemoryGiB, _settings.MigrationGiBps, dirty, _settings.LiveMigration);
        if (!outcome.Moved || outcome.Seconds > timeout)
        {
            yield return _sim.Timeout(Math.Min(outcome.Seconds, timeout));
            Count(false, outcome.SentGiB);
            result.End = outcome.Seconds > timeout ? StepEnd.TimedOut : StepEnd.Failed;
            if (Tracing) Trace(lane, TimelineCategory.Migration, $"{label}: aborted", start);
            yield break;
        }
        _dc.Move(instance, to);
        yield return _sim.Timeout(outcome.Seconds - outcome.DowntimeSeconds);
        _dc.Down(instance, +1);
        yield return _sim.Timeout(outcome.DowntimeSeconds);
        _dc.Down(instance, -1);
        Count(true, outcome.SentGiB);
        result.End = StepEnd.Ok;
        if (Tracing) Trace(lane, TimelineCategory.Migration, $"{label} ({outcome.Rounds} rounds, {outcome.DowntimeSeconds * 1000:0} ms down)", start);
    }

    private void Count(bool moved, double gib)
    {
        _migrations++;
        _migratedGiB += gib;
        if (!moved) _abortedMigrations++;
    }

    /// <summary>The planned destination if it can take the VM now, else the in-service host of the same site with the most
    /// free RAM that can (as Nova's scheduler would pick), else −1 and a capacity breach.</summary>
    /// <param name="fromPlan">Whether the move is the plan's, so that going elsewhere counts as a redirect (a rollback's is not).</param>
    private int Destination(int instance, int planned, bool moveOnce, bool fromPlan = true)
    {
        if (planned >= 0 && CanHost(instance, planned, moveOnce)) return planned;
        var from = _dc.HostOf(instance);
        var best = -1;
        var bestFree = double.NegativeInfinity;
        foreach (var h in _model.ComputesBySite.GetValueOrDefault(_model.Hosts[from].Site) ?? [])
        {
            var free = _dc.FreeRam(h);
            if (free > bestFree && CanHost(instance, h, moveOnce)) (best, bestFree) = (h, free);
        }
        if (best >= 0)
        {
            if (fromPlan) _redirects++;
            return best;
        }
        var info = _model.Instances[instance];
        _dc.Report(BreachKind.Capacity, info.Id.Name,
            $"no compute host of site {_model.Hosts[from].Site} in service has room for {info.Id} ({_model.Vnfs[info.Vnf].Vnf.Id}: {info.Vcpu} vCPU, {info.RamGiB} GiB RAM) away from its other instances; it stays on {_model.Hosts[from].Id}");
        return -1;
    }

    private bool CanHost(int instance, int host, bool moveOnce)
    {
        if (host == _dc.HostOf(instance) || _dc.StatusOf(host) != HostStatus.InService) return false;
        var wave = _model.UpgradeWave[host];
        // Hosts of the wave running now are about to go; with move-once, so are hosts still waiting for their wave.
        if (wave == _wave || (moveOnce && wave > _wave)) return false;
        return _dc.HasRoom(instance, host) && !SiblingNear(instance, host);
    }

    /// <summary>Whether another instance of the VM's VNF is in the same fault domain as <paramref name="host"/>.</summary>
    private bool SiblingNear(int instance, int host)
    {
        var info = _model.Instances[instance];
        if (info.Scope == AntiAffinity.None) return false;
        var vnf = _model.Vnfs[info.Vnf];
        for (var s = vnf.First; s < vnf.First + vnf.Count; s++)
        {
            if (s == instance) continue;
            var at = _dc.HostOf(s);
            var near = info.Scope switch
            {
                AntiAffinity.Host => at == host,
                AntiAffinity.Rack => _model.Racks[at] == _model.Racks[host],
                _ => _model.Zones[at] == _model.Zones[host],
            };
            if (near) return true;
        }
        return false;
    }
}
