using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Semantics;

public sealed class DurationModelTests
{
    private static readonly DurationModel Model = new(SimulationSettings.Default);
    private static readonly Flavor Flavor = new(4, 16, 40);

    private static Vnf Vnf(Migration migration) =>
        new(new VnfId("v"), new Redundancy(RedundancyModel.None), AntiAffinity.None, migration, 0, Coordination.Uncoordinated, null,
            [new Instance(new InstanceId("v-1"), new HostId("h1"), Flavor)]);

    [Fact]
    public void Move_LiveVmThatDeclaresItsMemory_PreCopyPlusNovasOverhead()
    {
        // DESIGN.md's worked example: 8 GiB at 1.1 GiB/s dirtying 100 MiB/s converges in about 8 s.
        var move = Model.Move(Vnf(new Migration(MigrationMode.Live, 8, 100)), Flavor, MigrationMode.Live, plannedSeconds: 30, first: true);

        var precopy = PreCopy.Migrate(8, 1.1, 100.0 / 1024, LiveMigrationSettings.Default);
        Assert.Equal(precopy.Seconds + 1, move.Seconds, 1e-9);
        Assert.Equal(precopy.DowntimeSeconds, move.PauseSeconds, 1e-9);
        Assert.True(move.Completes);
    }

    [Fact]
    public void Move_LiveVmThatDeclaresNothing_TheStepsTimeAndNovasLongestPause()
    {
        var move = Model.Move(Vnf(new Migration(MigrationMode.Live)), Flavor, MigrationMode.Live, plannedSeconds: 30, first: true);

        Assert.Equal((30, 0.52), (move.Seconds, Math.Round(move.PauseSeconds, 9)));
    }

    [Fact]
    public void Move_ColdAsAFallback_StopStartPlusTheDiskOverTheLink()
    {
        var planned = Model.Move(Vnf(new Migration(MigrationMode.Live)), Flavor, MigrationMode.Cold, plannedSeconds: 30, first: true);
        var fallback = Model.Move(Vnf(new Migration(MigrationMode.Live)), Flavor, MigrationMode.Cold, plannedSeconds: 30, first: false);

        Assert.Equal((30.0, 30.0), (planned.Seconds, planned.PauseSeconds));
        Assert.Equal(30 + 40 / 1.1, fallback.Seconds, 1e-9);
        Assert.Equal(fallback.Seconds, fallback.PauseSeconds);
    }

    [Fact]
    public void Evacuate_GuestThatCannotConverge_AbortedThenCold()
    {
        // 2 GiB/s of dirtying over a 1.1 GiB/s link never converges: Nova would abort at 800 s per GiB; the step's 15 minutes come first.
        var vnf = Vnf(new Migration(MigrationMode.Live, 2, 2048));

        var e = Model.Evacuate(vnf, Flavor, [MigrationMode.Live, MigrationMode.Cold], plannedSeconds: 30, timeoutSeconds: 900);

        Assert.True(e.FellBack);
        Assert.Equal(MigrationMode.Cold, e.Mode);
        Assert.Equal(900 + 30 + 40 / 1.1, e.Seconds, 1e-6);
    }

    [Fact]
    public void SentBy_MigrationCutOff_OnlyWhatCrossedTheLink()
    {
        var move = Model.NonConverging(Vnf(new Migration(MigrationMode.Live, 12, 80)), Flavor);

        Assert.False(move.Completes);
        Assert.Equal(1.1 * (60 - 1), Model.SentBy(move, 60), 1e-9);
        Assert.True(Model.SentBy(move, 1e9) <= move.SentGiB);
    }
}
