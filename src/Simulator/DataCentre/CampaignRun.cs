using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Simulator.Engine;
using Escalator.Simulator.Runs;
using MathNet.Numerics.Random;

namespace Escalator.Simulator.DataCentre;

/// <summary>One run of a plan in the simulated data centre: waves one after another, each wave's targets side by side,
/// each target's steps in order, with drawn durations, faults and the campaign's recovery policy.</summary>
internal sealed partial class CampaignRun
{
    private readonly SimulationModel _model;
    private readonly SimulationSettings _settings;
    private readonly Simulation _sim = new();
    private readonly DataCentreState _dc;
    private readonly DurationSampler _draw;
    private readonly bool _faults;
    /// <summary>The upgrade steps that ended well, for a rollback (<see cref="Recovery.RollbackHosts"/>).</summary>
    private readonly HashSet<Model.Plans.PlanStep> _upgradesDone = [];
    private readonly Resource?[] _outgoing;
    private readonly Dictionary<int, (int[] Instances, (int Cluster, int Host)[] Services)> _held = [];
    private RunOutcome _outcome = RunOutcome.Completed;
    private bool _stop;
    private bool _rollback;
    private int _failures;
    /// <summary>The wave running (0 before the first and during the rollback), for the scheduler's view.</summary>
    private int _wave;
    private double _rollbackSeconds;
    private int _migrations;
    private int _abortedMigrations;
    private int _redirects;
    private double _migratedGiB;
    private int _faultsFired;

    /// <param name="faults">Whether faults are drawn; without them every step succeeds (the runs checked against the solver).</param>
    /// <param name="trace">Whether to record the timeline.</param>
    /// <param name="expected">Whether every duration is its expected value instead of a draw.</param>
    public CampaignRun(SimulationModel model, int seed, bool faults, bool trace, bool expected = false)
    {
        _model = model;
        _settings = model.Settings;
        _faults = faults;
        _draw = new DurationSampler(new Xoshiro256StarStar(seed, threadSafe: false), model.Durations.SpreadFor(expected));
        _dc = new DataCentreState(model, _sim, trace ? new Timeline() : null);
        _outgoing = new Resource?[model.Hosts.Length];
    }

    public RunResult Execute(int run, int seed)
    {
        // The run ends with its campaign's last step, as the executor's does: what is still in flight then (a failover's
        // gap) happens after it.
        _sim.Run(until: _sim.Start(Campaign(), "campaign"));
        _dc.Finish();
        var vnfs = new VnfOutage[_model.Vnfs.Length];
        for (var v = 0; v < vnfs.Length; v++) vnfs[v] = new VnfOutage(_dc.Outage[v], _dc.Interruptions[v], _dc.Longest[v]) { Lost = _dc.Lost[v] };
        return new RunResult(run, seed, _outcome, _sim.Now, _rollbackSeconds, _dc.ControlPlaneOutageSeconds, _migrations, _migratedGiB,
            _abortedMigrations, _redirects, _dc.PeakHostsOut, _dc.ExtraHostHours, _failures, _faultsFired, vnfs, _dc.InstanceDowntime, _dc.Breaches,
            _dc.Timeline);
    }

    private IEnumerable<Event> Campaign()
    {
        foreach (var wave in _model.Waves)
        {
            if (_stop) break;
            _wave = _dc.Wave = wave.Wave.Number;
            var start = _sim.Now;
            var failed = FailOutside(wave);
            var failedAt = _sim.Now;
            var targets = new Event[wave.Targets.Length];
            for (var t = 0; t < targets.Length; t++) targets[t] = _sim.Start(Target(wave, wave.Targets[t]), wave.Targets[t].Name);
            yield return _sim.AllOf(targets);
            Repair(failed, wave.Wave.Number, failedAt);
            _dc.Timeline?.Waves.Add(new WaveSpan(wave.Wave.Number, wave.Wave.Stage, wave.Wave.Kind.ToString().ToLowerInvariant(), start, _sim.Now,
                [.. wave.Wave.Hosts.Select(h => h.Name)]));
            _dc.Timeline?.Entries.Add(new TimelineEntry($"wave {wave.Wave.Number}", TimelineCategory.Wave,
                $"wave {wave.Wave.Number} ({wave.Wave.Stage}, {wave.Targets.Length} target(s))", start, _sim.Now));
            if (_stop) break;
            if (wave.Wave.SoakSeconds > 0) yield return _sim.Timeout(wave.Wave.SoakSeconds);
            // A canary's gate: its checks fail with the campaign's step failure rate, and a failed gate rolls back.
            if (!wave.Wave.GateChecks.IsEmpty && Fault(_settings.Faults.StepFails)) Stop(rollback: true);
        }
        if (_rollback)
        {
            // No wave runs during the rollback: no host is kept out for one (as the executor has enabled each by then).
            _wave = 0;
            var start = _sim.Now;
            foreach (var e in Rollback()) yield return e;
            _rollbackSeconds = _sim.Now - start;
        }
    }

    /// <summary>The host failures of <c>verify --tolerate</c> (<c>faults.hostFails</c>): each host in service outside the
    /// wave may fail as it starts; its VMs and cluster members are down, and nothing lands on it, until the wave is done.</summary>
    private List<int> FailOutside(WavePlan wave)
    {
        var failed = new List<int>();
        if (!_faults || _settings.Faults.HostFails <= 0) return failed;
        for (var h = 0; h < _model.Hosts.Length; h++)
        {
            if (_dc.StatusOf(h) != HostStatus.InService || wave.Wave.Hosts.Contains(_model.Hosts[h].Id) || !Fault(_settings.Faults.HostFails)) continue;
            failed.Add(h);
            _dc.SetStatus(h, HostStatus.Down);
            foreach (var i in _dc.InstancesOn(h)) _dc.Down(i, +1);
            for (var c = 0; c < _model.Clusters.Length; c++)
            {
                if (_model.Clusters[c].Members.Contains(h)) _dc.MemberDown(c, +1, planned: false);
            }
        }
        return failed;
    }

    private void Repair(List<int> failed, int wave, double since)
    {
        foreach (var h in failed)
        {
            if (Tracing) Trace(_model.Hosts[h].Id.Name, TimelineCategory.Step, $"{_model.Hosts[h].Id} down: it failed outside wave {wave}", since);
            foreach (var i in _dc.InstancesOn(h)) _dc.Down(i, -1);
            for (var c = 0; c < _model.Clusters.Length; c++)
            {
                if (_model.Clusters[c].Members.Contains(h)) _dc.MemberDown(c, -1, planned: false);
            }
            _dc.SetStatus(h, HostStatus.InService);
        }
    }

    /// <summary>Stops the campaign after the waves in flight; rolls back when asked and the policy allows it.</summary>
    private void Stop(bool rollback)
    {
        _stop = true;
        if (rollback && _model.Campaign.Recovery.Rollback != RollbackMode.None)
        {
            _rollback = true;
            _outcome = RunOutcome.RolledBack;
        }
        else if (_outcome == RunOutcome.Completed)
        {
            _outcome = RunOutcome.Aborted;
        }
    }

    private bool Fault(double probability)
    {
        if (!_faults || !_draw.Chance(probability)) return false;
        _faultsFired++;
        return true;
    }

    private Resource Outgoing(int host) =>
        _outgoing[host] ??= new Resource(_sim, _settings.LiveMigration.MaxConcurrentPerHost, $"{_model.Hosts[host].Id} outgoing migrations");

    private bool Tracing => _dc.Timeline is not null;

    private void Trace(string lane, TimelineCategory category, string label, double start) =>
        _dc.Timeline?.Entries.Add(new TimelineEntry(lane, category, label, start, _sim.Now));
}
