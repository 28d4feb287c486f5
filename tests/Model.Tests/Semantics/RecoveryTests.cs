using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.TestKit;

namespace Escalator.Model.Tests.Semantics;

public sealed class RecoveryTests
{
    private static readonly RecoveryPolicy OneRetry = new(1, RollbackMode.Graceful, 1);

    [Theory]
    [InlineData(ExpiryPolicy.Abort, AttemptEnd.Ok, 0, false, RecoveryAction.Go)]
    [InlineData(ExpiryPolicy.Skip, AttemptEnd.HostLost, 0, false, RecoveryAction.FailHost)]
    [InlineData(ExpiryPolicy.Skip, AttemptEnd.Failed, 0, false, RecoveryAction.Retry)]
    [InlineData(ExpiryPolicy.Skip, AttemptEnd.Failed, 1, false, RecoveryAction.FailHost)]
    [InlineData(ExpiryPolicy.Retry, AttemptEnd.Failed, 0, true, RecoveryAction.FallBack)]
    [InlineData(ExpiryPolicy.Retry, AttemptEnd.TimedOut, 0, false, RecoveryAction.Retry)]
    [InlineData(ExpiryPolicy.Retry, AttemptEnd.TimedOut, 1, false, RecoveryAction.FailHost)]
    [InlineData(ExpiryPolicy.FallBack, AttemptEnd.TimedOut, 0, true, RecoveryAction.FallBack)]
    [InlineData(ExpiryPolicy.FallBack, AttemptEnd.TimedOut, 0, false, RecoveryAction.Retry)]
    [InlineData(ExpiryPolicy.Skip, AttemptEnd.TimedOut, 5, false, RecoveryAction.Skip)]
    [InlineData(ExpiryPolicy.Abort, AttemptEnd.TimedOut, 0, true, RecoveryAction.Abort)]
    [InlineData(ExpiryPolicy.Rollback, AttemptEnd.TimedOut, 0, false, RecoveryAction.Rollback)]
    public void Decide_EachEndAndPolicy_TheDocumentedAction(ExpiryPolicy policy, AttemptEnd end, int retriesUsed, bool canFallBack, RecoveryAction expected)
    {
        var action = Recovery.Decide(policy, end, retriesUsed, OneRetry, canFallBack);

        Assert.Equal(expected, action);
    }

    [Fact]
    public void Decide_NovaAbortedALiveMigration_FallsBackWhateverThePolicy()
    {
        // A guest that did not converge would not converge again: the simulator and the executor both fall back.
        var actions = Enum.GetValues<ExpiryPolicy>().Select(p => Recovery.Decide(p, AttemptEnd.Failed, 0, OneRetry, canFallBack: true));

        Assert.All(actions, a => Assert.Equal(RecoveryAction.FallBack, a));
    }

    [Theory]
    [InlineData(RecoveryAction.FailHost, true, true, false)]
    [InlineData(RecoveryAction.Rollback, true, true, true)]
    [InlineData(RecoveryAction.FailHost, false, false, true)]
    [InlineData(RecoveryAction.Rollback, false, false, true)]
    public void FailureOf_HostOrStageWideStep_HostFailsOrCampaignRollsBack(RecoveryAction then, bool onHost, bool hostFails, bool rollsBack)
    {
        var failure = Recovery.FailureOf(then, onHost);

        Assert.Equal(new StepFailure(hostFails, rollsBack), failure);
    }

    [Theory]
    [InlineData(RecoveryAction.Go)]
    [InlineData(RecoveryAction.Retry)]
    [InlineData(RecoveryAction.Abort)]
    public void FailureOf_NotAFailureForGood_Throws(RecoveryAction then)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Recovery.FailureOf(then, onHost: true));
    }

    [Theory]
    [InlineData(RollbackMode.Graceful, 360.0)]
    [InlineData(RollbackMode.Restore, 1800.0)]
    public void RollbackHosts_HostUpgradedTwice_TakenBackOnceNewestFirst(RollbackMode mode, double ctl1Seconds)
    {
        // Waves 1-3 upgrade galera on ctl-1..3 and wave 4 rabbitmq on ctl-1 (3 min each; restores of 30 and 10 min).
        var (topology, campaign) = Repo.Scenario("ha/control-plane.yaml");
        campaign = campaign with { Recovery = campaign.Recovery with { Rollback = mode } };
        var plan = PlanExpander.Expand(campaign, topology);
        var done = plan.Waves.Take(4).SelectMany(w => w.Steps).Where(s => s.Action == StepAction.Upgrade).ToHashSet();

        var back = Recovery.RollbackHosts(campaign, plan, done);

        Assert.Equal(["ctl-1", "ctl-3", "ctl-2"], back.Select(b => b.Host.Name));
        Assert.Equal(["galera", "rabbitmq"], back[0].Components.Order(StringComparer.Ordinal));
        Assert.Equal(ctl1Seconds, back[0].Seconds, 1e-9);
        Assert.All(back, b => Assert.True(b.TimeoutSeconds >= 2 * b.Seconds, $"{b.Host} may take {b.Seconds} s, waited {b.TimeoutSeconds} s"));
        Assert.All(back, b => Assert.False(b.TakesVmsDown));
    }

    [Fact]
    public void RollbackEmptyingOrder_VmsOnTheHost_ByNameInNaturalOrder()
    {
        // Indices as the simulator holds its VMs, names as the executor sees its servers: neither order is the name order.
        string[] names = ["vm-10", "db-1", "vm-2", "vm-1"];

        var order = Recovery.RollbackEmptyingOrder([0, 1, 2, 3], i => names[i]);

        Assert.Equal([1, 3, 2, 0], order);
    }

    [Theory]
    [InlineData(MigrationMode.Live, MigrationMode.Live)]
    [InlineData(MigrationMode.Cold, MigrationMode.Cold)]
    [InlineData(MigrationMode.None, MigrationMode.None)]
    public void RollbackMigrationMode_TheWayTheVnfAllows(MigrationMode allowed, MigrationMode expected)
    {
        var (topology, _) = Repo.Scenario("ha/rolling-computes.yaml");
        var vnf = topology.Vnfs[0] with { Migration = topology.Vnfs[0].Migration with { Mode = allowed } };

        Assert.Equal(expected, Recovery.RollbackMigrationMode(vnf));
    }
}
