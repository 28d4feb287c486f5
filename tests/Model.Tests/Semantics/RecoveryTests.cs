using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;

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
}
