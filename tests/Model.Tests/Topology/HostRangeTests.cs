using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Topology;

public sealed class HostRangeTests
{
    [Fact]
    public void Expand_Padded_ExpandsInOrder()
    {
        var (names, error) = HostRange.Expand("cmp-[08-10]");

        Assert.Null(error);
        Assert.Equal(["cmp-08", "cmp-09", "cmp-10"], names);
    }

    [Fact]
    public void Expand_Unpadded_NoLeadingZeros()
    {
        var (names, error) = HostRange.Expand("cmp-[8-10]");

        Assert.Null(error);
        Assert.Equal(["cmp-8", "cmp-9", "cmp-10"], names);
    }

    [Fact]
    public void Expand_ListOfNumbersAndRanges_KeepsListOrder()
    {
        var (names, error) = HostRange.Expand("ctl-[1-3,7, 05]");

        Assert.Null(error);
        Assert.Equal(["ctl-1", "ctl-2", "ctl-3", "ctl-7", "ctl-05"], names);
    }

    [Fact]
    public void Expand_Suffix_AppendedToEveryName()
    {
        var (names, error) = HostRange.Expand("r[1-2].dc1");

        Assert.Null(error);
        Assert.Equal(["r1.dc1", "r2.dc1"], names);
    }

    [Fact]
    public void Expand_NoBrackets_TheNameItself()
    {
        var (names, error) = HostRange.Expand("ctl-1");

        Assert.Null(error);
        Assert.Equal(["ctl-1"], names);
    }

    [Theory]
    [InlineData("cmp-1]", "']' without '['")]
    [InlineData("cmp-[1-3", "'[' without ']'")]
    [InlineData("cmp-[1-2]-[1-2]", "more than one range")]
    [InlineData("cmp-[3-1]", "runs backwards")]
    [InlineData("cmp-[]", "expected numbers or ranges")]
    [InlineData("cmp-[a-c]", "expected numbers or ranges")]
    [InlineData("cmp-[1-2-3]", "expected numbers or ranges")]
    [InlineData("cmp-[-3]", "expected numbers or ranges")]
    [InlineData("cmp-[1-100001]", "more than 100000 names")]
    [InlineData("cmp-[1-60000,1-60000]", "more than 100000 names")]
    [InlineData("cmp-[1-99999999999]", "too large")]
    public void Expand_Malformed_ErrorAndNoNames(string pattern, string phrase)
    {
        var (names, error) = HostRange.Expand(pattern);

        Assert.Empty(names);
        Assert.NotNull(error);
        Assert.Contains(phrase, error, StringComparison.Ordinal);
        Assert.Contains($"'{pattern}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_AtIntMaxValue_EndsWithOneName()
    {
        var (names, error) = HostRange.Expand("h[2147483647]");

        Assert.Null(error);
        Assert.Equal(["h2147483647"], names);
    }

    [Fact]
    public void Expand_HundredThousandNames_Allowed()
    {
        var (names, error) = HostRange.Expand("h[1-100000]");

        Assert.Null(error);
        Assert.Equal(100_000, names.Count);
        Assert.Equal("h100000", names[^1]);
    }
}
