using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Model.Plans;

public sealed partial class PlanExpander
{
    /// <summary>The data centre as expansion has it at a wave, for the <see cref="Scheduler"/>.</summary>
    private sealed class View(PlanExpander expander) : IPlacementView
    {
        /// <summary>The hosts the wave being expanded takes out.</summary>
        public HashSet<HostId> InWave { get; set; } = [];

        /// <summary>The only hosts VMs may go to (a parallel universe's new hosts), or null for any.</summary>
        public HashSet<HostId>? Allowed { get; set; }

        public HostId HostOf(InstanceId instance) => expander._placement.HostOf(instance);

        public bool Accepts(HostId host) => !Maintenance.IsOut(host, InWave) && !expander._retired.Contains(host)
            && (Allowed is null ? !expander._unbuiltSpares.Contains(host) : Allowed.Contains(host));

        public bool Pending(HostId host) => expander._pending.Contains(host);

        public bool HasRoom(InstanceId instance, HostId host) => expander._placement.HasRoom(instance, host);

        public double FreeRamGiB(HostId host) => expander._placement.FreeRam(host);
    }

    /// <summary>Under move-once, whether every VM on the host that the procedure moves has a host to go to that it can stay
    /// on (one already upgraded or outside the campaign), were the host emptied now.</summary>
    private bool Movable(Host host, Procedure procedure)
    {
        if (procedure.Steps.FirstOrDefault(s => s.Action == StepAction.Evacuate) is not { } evacuate) return true;
        var ranked = _ranked.In(host.Site);
        var wave = _view.InWave;
        _view.InWave = [host.Id];
        try
        {
            return _placement.On(host.Id).All(id => MoveRule.Chain(evacuate, _index.VnfOf(id).Migration.Mode).IsEmpty
                || _scheduler.First(_view, id, moveOnce: true, ranked) is not null);
        }
        finally
        {
            _view.InWave = wave;
        }
    }

    /// <summary>The compute hosts of a site that wait for no upgrade, in the topology's order: the only ones that may take
    /// a VM under move-once. With given waves (where a penalty reorders the hosts, so <see cref="RankedHosts"/> cannot
    /// serve) the <see cref="Scheduler"/> is asked about them alone rather than about every host of the site.</summary>
    private List<Host> Settled(string site)
    {
        if (!_settled.TryGetValue(site, out var hosts))
        {
            _settled[site] = hosts = [.. _index.ComputesIn(site).Where(h => !_pending.Contains(h.Id))];
        }
        return hosts;
    }

    /// <summary>The hosts no longer wait for their upgrade.</summary>
    private void Settle(IEnumerable<HostId> hosts)
    {
        foreach (var host in hosts)
        {
            _pending.Remove(host);
            _ranked.Update(host);
        }
        _settled.Clear();
    }
}
