using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Topology;

public sealed class RedundancyTests
{
    [Theory]
    [InlineData(RedundancyModel.ActiveStandby, 0, 2, 1)]
    [InlineData(RedundancyModel.ActiveStandby, 0, 1, 0)]
    [InlineData(RedundancyModel.ActiveStandby, 0, 0, 0)]
    [InlineData(RedundancyModel.NPlusM, 3, 5, 2)]
    [InlineData(RedundancyModel.NPlusM, 3, 3, 0)]
    [InlineData(RedundancyModel.NPlusM, 4, 3, 0)]
    [InlineData(RedundancyModel.Quorum, 0, 1, 0)]
    [InlineData(RedundancyModel.Quorum, 0, 3, 1)]
    [InlineData(RedundancyModel.Quorum, 0, 4, 1)]
    [InlineData(RedundancyModel.Quorum, 0, 5, 2)]
    [InlineData(RedundancyModel.Quorum, 0, 0, 0)]
    [InlineData(RedundancyModel.None, 0, 4, 0)]
    public void Tolerated_ByModel_DesignInvariant(RedundancyModel model, int minActive, int instances, int expected)
    {
        var redundancy = new Redundancy(model, MinActive: minActive);

        var tolerated = redundancy.Tolerated(instances);

        Assert.Equal(expected, tolerated);
        // What must stay available (outage below it) is the rest: one rule, not a second table.
        Assert.Equal(instances - expected, redundancy.Needed(instances));
    }
}
