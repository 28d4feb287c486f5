using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.Simulator.Engine;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.DataCentre;

internal sealed partial class CampaignRun
{
    /// <summary>What an evacuation's movers leave the host's remaining steps to do: go on, or the gravest consequence a
    /// mover's recovery decision reached (a failed host, an abort, a rollback).</summary>
    private sealed class Evacuated
    {
        public RecoveryAction Then { get; private set; } = RecoveryAction.Go;

        public void Escalate(RecoveryAction then)
        {
            if (Rank(then) > Rank(Then)) Then = then;
        }

        private static int Rank(RecoveryAction a) => a switch
        {
            RecoveryAction.Rollback => 3,
            RecoveryAction.Abort => 2,
            RecoveryAction.FailHost => 1,
            _ => 0,
        };
    }

    /// <summary>Empties a host: one process per VM, at most Nova's <c>max_concurrent_live_migrations</c> leaving at once.</summary>
    private IEnumerable<Event> Evacuation(TargetPlan target, CompiledStep[] steps, Evacuated evacuated)
    {
        var movers = new Event[steps.Length];
        for (var k = 0; k < steps.Length; k++) movers[k] = _sim.Start(Evacuate(target, steps[k], evacuated), steps[k].Step.Detail);
        yield return _sim.AllOf(movers);
    }

    /// <summary>Moves one VM along its chain of modes, within the step's timeout, as the recovery decision says after each
    /// attempt (<see cref="Recovery"/>): fall back, retry, leave it (skip), or fail the host, abort or roll back.</summary>
    private IEnumerable<Event> Evacuate(TargetPlan target, CompiledStep step, Evacuated evacuated)
    {
        using var slot = Outgoing(target.Host).Request();
        yield return slot;
        var instance = step.Instance;
        // A host already failed (or a campaign stopped) by an earlier mover moves no more VMs, as the executor would.
        if (instance < 0 || _dc.HostOf(instance) != target.Host || evacuated.Then != RecoveryAction.Go) yield break;
        var timeout = step.Step.TimeoutSeconds > 0 ? step.Step.TimeoutSeconds : double.PositiveInfinity;
        for (int k = 0, retries = 0; ;)
        {
            // Nowhere to go (a capacity breach) is a failed attempt, as Nova's "no valid host" is to the executor.
            var to = Destination(instance, step.To, fromPlan: true);
            var moved = new Attempt { End = AttemptEnd.Failed };
            if (to >= 0)
            {
                foreach (var e in Migrate(target.Name, instance, to, step.Chain[k], k == 0, step.Step.ExpectedSeconds, timeout, moved)) yield return e;
            }
            switch (Recovery.Decide(step.Step.OnTimeout, moved.End, retries, _model.Campaign.Recovery, canFallBack: k + 1 < step.Chain.Length))
            {
                case RecoveryAction.FallBack:
                    k++;
                    continue;
                case RecoveryAction.Retry:
                    yield return _sim.Timeout(Recovery.RetryDelaySeconds(retries++));
                    continue;
                case var then and (RecoveryAction.FailHost or RecoveryAction.Abort or RecoveryAction.Rollback):
                    evacuated.Escalate(then);
                    break;
            }
            // Done, or left on its host (skipped): it goes down with the host if the upgrade takes VMs down.
            yield break;
        }
    }

    /// <summary>One migration to <paramref name="to"/> by the one duration model: Ok when the VM runs there, Failed when Nova
    /// aborted it (a live migration that did not converge), TimedOut when the step's timeout came first (the migration is
    /// then aborted too). Only what crossed the link before an abort counts as migrated.</summary>
    /// <param name="first">Whether this is the move's first mode (a fallback has no estimate of its own).</param>
    /// <param name="planned">The plan step's expected time.</param>
    private IEnumerable<Event> Migrate(string lane, int instance, int to, MigrationMode mode, bool first, double planned, double timeout,
        Attempt result)
    {
        var info = _model.Instances[instance];
        var start = _sim.Now;
        // Labels only for a traced run: formatting one per migration would cost more than simulating it.
        var label = Tracing ? $"{mode.ToString().ToLowerInvariant()}-migrate {info.Id} to {_model.Hosts[to].Id}" : "";
        var move = mode == MigrationMode.Live && Fault(_settings.Faults.MigrationNoConvergence)
            ? _model.Durations.NonConverging(info.VnfOf, info.Flavor)
            : _model.Durations.Move(info.VnfOf, info.Flavor, mode, planned, first);
        var seconds = _draw.Draw(move);
        if (!move.Completes || seconds >= timeout)
        {
            var elapsed = Math.Min(seconds, timeout);
            // A cold move stops the VM at once; cut off, it starts again where it was.
            if (mode == MigrationMode.Cold) _dc.Down(instance, +1);
            yield return _sim.Timeout(elapsed);
            if (mode == MigrationMode.Cold) _dc.Down(instance, -1);
            Count(false, _model.Durations.SentBy(move, elapsed));
            result.End = seconds >= timeout ? AttemptEnd.TimedOut : AttemptEnd.Failed;
            if (Tracing) Trace(lane, TimelineCategory.Migration, $"{label}: aborted", start);
            yield break;
        }
        // Nova claims the destination's resources when the migration starts; until it ends the VM holds its source too.
        var from = _dc.HostOf(instance);
        _dc.Move(instance, to);
        _leaving[instance] = from;
        var pause = mode == MigrationMode.Live ? move.PauseSeconds : seconds;
        if (seconds > pause) yield return _sim.Timeout(seconds - pause);
        _dc.Down(instance, +1);
        yield return _sim.Timeout(pause);
        _dc.Down(instance, -1);
        _leaving.Remove(instance);
        Count(true, move.SentGiB);
        result.End = AttemptEnd.Ok;
        if (Tracing) Trace(lane, TimelineCategory.Migration, mode == MigrationMode.Live ? $"{label} ({pause * 1000:0} ms down)" : label, start);
    }

    private void Count(bool moved, double gib)
    {
        _migrations++;
        _migratedGiB += gib;
        if (!moved) _abortedMigrations++;
    }

    /// <summary>Where a VM leaving its host goes now (<see cref="Scheduler"/>). With a planned destination, there — even a
    /// host still waiting for its upgrade (the solver's ESC-C2 said so: a move-once breach) — if Nova can take it now, else
    /// nowhere: the executor asks Nova for that host, and Nova refuses (no valid host), so the attempt fails and the
    /// recovery decides. Without one (the plan found none, or a rollback's move), where Nova's scheduler sends it, which
    /// knows nothing of the campaign's order; nowhere: −1. Either way a VM with nowhere to go is a capacity breach.</summary>
    /// <param name="fromPlan">Whether the move is the plan's (a rollback's is not: it moves once by no rule).</param>
    private int Destination(int instance, int planned, bool fromPlan)
    {
        var info = _model.Instances[instance];
        var view = _view ??= new View(this);
        var nova = _novaView ??= new View(this, nova: true);
        var from = _model.Hosts[_dc.HostOf(instance)];
        if (planned >= 0 && !_model.Scheduler.CanTake(nova, info.Id, _model.Hosts[planned].Id, moveOnce: false))
        {
            _dc.Report(BreachKind.Capacity, info.Id.Name,
                $"{_model.Hosts[planned].Id}, the planned destination of {info.Id} ({info.VnfOf.Id}), cannot take it now (no room, or a sibling there); it stays on {from.Id}");
            return -1;
        }
        HostId? to = planned >= 0 ? _model.Hosts[planned].Id : _model.Scheduler.Choose(nova, info.Id, moveOnce: false);
        if (to is { } pending && fromPlan && _model.Campaign.MoveOnce && view.Pending(pending))
        {
            _dc.Report(BreachKind.MoveOnce, info.Id.Name,
                $"{info.Id} ({info.VnfOf.Id}) leaves {from.Id} onto {pending}, which still waits for its upgrade: it will move again");
        }
        if (to is not { } host)
        {
            _dc.Report(BreachKind.Capacity, info.Id.Name,
                $"no compute host of site {from.Site} in service has room for {info.Id} ({info.VnfOf.Id}: {info.Flavor.Vcpu} vCPU, {info.Flavor.RamGiB} GiB RAM) away from its other instances; it stays on {from.Id}");
            return -1;
        }
        // A move the plan left to Nova's scheduler (it found no destination) that found one now: a redirect.
        if (fromPlan && planned < 0) _redirects++;
        return _model.HostIndex[host];
    }

    private View? _view;

    private View? _novaView;

    /// <summary>Migrations under way: the VM's source, which it still holds.</summary>
    private readonly Dictionary<int, int> _leaving = [];

    /// <summary>The run's data centre now, for the <see cref="Scheduler"/>.</summary>
    /// <param name="nova">As Nova sees it: no host waits for an upgrade (Nova knows nothing of the campaign's order).</param>
    private sealed class View(CampaignRun run, bool nova = false) : IPlacementView
    {
        private readonly SimulationModel _model = run._model;

        public HostId HostOf(InstanceId instance) => _model.Hosts[run._dc.HostOf(_model.InstanceIndex[instance])].Id;

        public IEnumerable<HostId> Occupies(InstanceId instance) =>
            run._leaving.TryGetValue(_model.InstanceIndex[instance], out var from) ? [HostOf(instance), _model.Hosts[from].Id] : [HostOf(instance)];

        /// <summary>In service and not in the running wave (whose hosts are about to go); a parallel universe's move wave
        /// sends VMs only to its new hosts.</summary>
        public bool Accepts(HostId host) => run._dc.StatusOf(_model.HostIndex[host]) == HostStatus.InService
            && !Maintenance.IsOut(host, run._wave == 0 ? null : _model.Waves[run._wave - 1].Out)
            && (run._wave == 0 || _model.Universes[run._wave - 1] is not { } universe || universe.Contains(host));

        /// <summary>Still waiting for its upgrade in a later wave; nothing is when no wave runs.</summary>
        public bool Pending(HostId host) => !nova && run._wave > 0 && _model.PendingUntil[_model.HostIndex[host]] > run._wave;

        public bool HasRoom(InstanceId instance, HostId host) => run._dc.HasRoom(_model.InstanceIndex[instance], _model.HostIndex[host]);

        public double FreeRamGiB(HostId host) => run._dc.FreeRam(_model.HostIndex[host]);
    }
}
