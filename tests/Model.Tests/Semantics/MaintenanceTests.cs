using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Semantics;

public sealed class MaintenanceTests
{
    private static readonly HostId Cmp1 = new("cmp-1");
    private static readonly HostId Cmp2 = new("cmp-2");
    private static readonly HostId Cmp3 = new("cmp-3");

    [Fact]
    public void HostsOut_WaveWithoutEnterMaintenance_EveryHostOfTheWaveInItsOrder()
    {
        // The upgrade is the hosts' only step: no enter-maintenance takes them out, the wave does.
        var wave = new Wave(1, "computes", WaveKind.Rolling, [Cmp2, Cmp1], [Upgrade(Cmp2), Upgrade(Cmp1)], 0, []);

        var hostsOut = Maintenance.HostsOut(wave);

        Assert.Equal([Cmp2, Cmp1], hostsOut.AsEnumerable());
    }

    [Fact]
    public void IsOut_WhileTheWaveRuns_ItsHostsOnly()
    {
        var wave = new Wave(1, "computes", WaveKind.Rolling, [Cmp1, Cmp2], [Upgrade(Cmp1), Upgrade(Cmp2)], 0, []);
        HashSet<HostId> running = [.. Maintenance.HostsOut(wave)];

        var outNow = new[] { Cmp1, Cmp2, Cmp3 }.Select(h => Maintenance.IsOut(h, running));

        Assert.Equal([true, true, false], outNow);
    }

    [Fact]
    public void IsOut_NoWaveRuns_NoHost()
    {
        // A rollback runs no wave: the hosts of the wave it stopped take VMs again.
        var outNow = new[] { Cmp1, Cmp2 }.Select(h => Maintenance.IsOut(h, null));

        Assert.All(outNow, Assert.False);
    }

    private static PlanStep Upgrade(HostId host) =>
        new(host.Name, StepAction.Upgrade, $"upgrade {host}", 60, 600, ExpiryPolicy.Retry, [], [], []);
}
