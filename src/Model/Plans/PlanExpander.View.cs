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

        public bool Accepts(HostId host) => !InWave.Contains(host) && !expander._retired.Contains(host)
            && (Allowed is null ? !expander._unbuiltSpares.Contains(host) : Allowed.Contains(host));

        public bool Pending(HostId host) => expander._pending.Contains(host);

        public bool HasRoom(InstanceId instance, HostId host) => expander._placement.HasRoom(instance, host);

        public double FreeRamGiB(HostId host) => expander._placement.FreeRam(host);
    }

    /// <summary>Under move-once, whether every VM on the host that the procedure moves has a host to go to that it can stay
    /// on (one already upgraded or outside the campaign), were the host emptied now.</summary>
    /// <param name="settled">Per site, its compute hosts that wait for no upgrade, filled as sites are asked about: only they
    /// can take a VM under move-once, and they do not change while one wave is formed. Asking the
    /// <see cref="Scheduler"/> about them alone, and stopping at the first that takes the VM, keeps the search from
    /// walking every host of the site for every VM of every host before every wave.</param>
    private bool Movable(Host host, Procedure procedure, Dictionary<string, List<Host>> settled)
    {
        if (procedure.Steps.FirstOrDefault(s => s.Action == StepAction.Evacuate) is not { } evacuate) return true;
        if (!settled.TryGetValue(host.Site, out var open))
        {
            settled[host.Site] = open = [.. _index.ComputesIn(host.Site).Where(h => !_pending.Contains(h.Id))];
        }
        var wave = _view.InWave;
        _view.InWave = [host.Id];
        try
        {
            return _placement.On(host.Id).All(id => MoveRule.Chain(evacuate, _index.VnfOf(id).Migration.Mode).IsEmpty
                || _scheduler.Candidates(_view, id, moveOnce: true, open).Any());
        }
        finally
        {
            _view.InWave = wave;
        }
    }
}
