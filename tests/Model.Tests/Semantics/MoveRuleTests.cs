using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Semantics;

public sealed class MoveRuleTests
{
    [Fact]
    public void Chain_LiveStepWithColdFallback_EachVmTriesWhatItAllows()
    {
        var step = new ProcedureStep(StepAction.Evacuate, 30, 600, ExpiryPolicy.FallBack, MigrationMode.Live, MigrationMode.Cold);

        Assert.Equal([MigrationMode.Live, MigrationMode.Cold], MoveRule.Chain(step, MigrationMode.Live).ToArray());
        Assert.Equal([MigrationMode.Cold], MoveRule.Chain(step, MigrationMode.Cold).ToArray());
        Assert.Empty(MoveRule.Chain(step, MigrationMode.None));
    }
}
