namespace Escalator.Model.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void HostRange_Padded_ExpandsInOrder()
    {
        var (names, error) = Topology.HostRange.Expand("cmp-[08-10]");

        Assert.Null(error);
        Assert.Equal(["cmp-08", "cmp-09", "cmp-10"], names);
    }
}
