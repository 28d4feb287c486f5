using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Topology;

public sealed class ControlClusterTests
{
    [Theory]
    [InlineData(QuorumRule.Majority, 1, 1)]
    [InlineData(QuorumRule.Majority, 2, 2)]
    [InlineData(QuorumRule.Majority, 3, 2)]
    [InlineData(QuorumRule.Majority, 4, 3)]
    [InlineData(QuorumRule.Majority, 5, 3)]
    [InlineData(QuorumRule.Any, 3, 1)]
    [InlineData(QuorumRule.All, 3, 3)]
    public void Needed_ByQuorumRule_FewestMembersUp(QuorumRule rule, int members, int needed)
    {
        var cluster = Cluster(rule, members);

        var result = cluster.Needed;

        Assert.Equal(needed, result);
        Assert.Equal(members - needed, cluster.Tolerated);
    }

    private static ControlCluster Cluster(QuorumRule rule, int members) =>
        new("galera", "galera", [.. Enumerable.Range(1, members).Select(i => new HostId($"ctl-{i}"))], rule, ["dc1"]);
}
