using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Semantics;

public sealed class OutageTests
{
    private static Vnf Vnf(RedundancyModel model, int instances, double switchover = 0, int minActive = 0) =>
        new(new VnfId("v"), new Redundancy(model, model == RedundancyModel.ActiveStandby ? new InstanceId("v-1") : null, minActive),
            AntiAffinity.None, new Migration(MigrationMode.Live), switchover, Coordination.Uncoordinated, new AvailabilityTarget(null, 5),
            [.. Enumerable.Range(1, instances).Select(i => new Instance(new InstanceId($"v-{i}"), new HostId($"h{i}"), new Flavor(1, 1, 1)))]);

    [Fact]
    public void Of_PairSwitchedOver_SpendsTheGapWhicheverInstance()
    {
        var pair = Vnf(RedundancyModel.ActiveStandby, 2, switchover: 3);

        Assert.Equal(3, Outage.Of(pair, active: true, UnavailableReason.Switchover, 3));
        Assert.Equal(0, Outage.Of(pair, active: false, UnavailableReason.LiveMigration, 0.5));
        Assert.Equal(0.5, Outage.Of(pair, active: true, UnavailableReason.LiveMigration, 0.5));
    }

    [Fact]
    public void Of_PairLosesItsActiveWithoutSwitchover_SpendsTheFailoverOnly()
    {
        var pair = Vnf(RedundancyModel.ActiveStandby, 2, switchover: 4);

        Assert.Equal(4, Outage.Of(pair, active: true, UnavailableReason.HostDown, 600));
        Assert.Equal(Outage.DefaultFailoverSeconds, Outage.FailoverSeconds(Vnf(RedundancyModel.ActiveStandby, 2)));
    }

    [Theory]
    [InlineData(RedundancyModel.Quorum, 3, 0)]
    [InlineData(RedundancyModel.NPlusM, 4, 3)]
    public void Of_RedundancyAbsorbsIt_SpendsNothing(RedundancyModel model, int instances, int minActive)
    {
        Assert.Equal(0, Outage.Of(Vnf(model, instances, minActive: minActive), active: false, UnavailableReason.HostDown, 600));
    }

    [Fact]
    public void Of_NothingToSpare_SpendsTheWholeInterruption()
    {
        Assert.Equal(40, Outage.Of(Vnf(RedundancyModel.None, 1), active: true, UnavailableReason.ColdMigration, 40));
        Assert.Equal(40, Outage.Of(Vnf(RedundancyModel.NPlusM, 3, minActive: 3), active: false, UnavailableReason.ColdMigration, 40));
    }
}
