using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.Simulator.Engine;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.DataCentre;

internal sealed partial class CampaignRun
{
    /// <summary>Undoes the campaign: the hosts upgraded so far are taken back one at a time (<see cref="Recovery.RollbackHosts"/>;
    /// failed ones stay for an operator, as the executor leaves them), each emptied first.</summary>
    private IEnumerable<Event> Rollback()
    {
        var graceful = _model.Campaign.Recovery.Rollback == RollbackMode.Graceful;
        foreach (var back in Recovery.RollbackHosts(_model.Campaign, _model.Plan, _upgradesDone))
        {
            var host = _model.HostIndex[back.Host];
            if (_dc.StatusOf(host) is not (HostStatus.InService or HostStatus.Maintenance)) continue;
            var start = _sim.Now;
            var lane = _model.Hosts[host].Id.Name;
            _dc.SetStatus(host, HostStatus.Maintenance);
            foreach (var instance in Recovery.RollbackEmptyingOrder(_dc.InstancesOn(host), i => _model.Instances[i].Id.Name))
            {
                var mode = Recovery.RollbackMigrationMode(_model.Instances[instance].VnfOf);
                if (mode == MigrationMode.None) continue;
                var to = Destination(instance, -1, fromPlan: false);
                if (to < 0) continue;
                foreach (var e in Migrate(lane, instance, to, mode, first: false, Recovery.RollbackPlannedSeconds(_model.Campaign), double.PositiveInfinity,
                    new Attempt())) yield return e;
            }
            var left = back.TakesVmsDown ? _dc.InstancesOn(host).ToArray() : [];
            _dc.SetStatus(host, back.TakesVmsDown ? HostStatus.Down : HostStatus.Maintenance);
            foreach (var i in left) _dc.Down(i, +1);
            yield return _sim.Timeout(_draw.Draw(back.Seconds));
            foreach (var i in left) _dc.Down(i, -1);
            _dc.SetStatus(host, HostStatus.InService);
            Trace(lane, TimelineCategory.Rollback, graceful ? $"roll {lane} back" : $"restore {lane} from its backup", start);
        }
    }
}
