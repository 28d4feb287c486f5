using Escalator.Model.Campaigns;

namespace Escalator.Model.Tests.Campaigns;

public sealed class LimitTests
{
    [Theory]
    [InlineData("2", 2, false)]
    [InlineData("25%", 25, true)]
    [InlineData("100%", 100, true)]
    [InlineData("1%", 1, true)]
    public void TryParse_CountOrPercentage_Reads(string text, int value, bool percent)
    {
        var ok = Limit.TryParse(text, out var limit);

        Assert.True(ok);
        Assert.Equal(new Limit(value, percent), limit);
        Assert.Equal(text, limit.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0%")]
    [InlineData("101%")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData(" 2")]
    [InlineData("2.5")]
    [InlineData("%")]
    [InlineData("25 %")]
    [InlineData("two")]
    [InlineData("")]
    public void TryParse_Malformed_False(string text)
    {
        var ok = Limit.TryParse(text, out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData(25, 12, 3)]
    [InlineData(33, 10, 3)]
    [InlineData(50, 7, 3)]
    [InlineData(100, 7, 7)]
    [InlineData(10, 5, 1)]
    [InlineData(1, 0, 1)]
    public void Resolve_Percentage_RoundsDownButAtLeastOne(int percent, int total, int expected)
    {
        var limit = new Limit(percent, IsPercent: true);

        var count = limit.Resolve(total);

        Assert.Equal(expected, count);
    }

    [Fact]
    public void Resolve_Count_IgnoresTotal()
    {
        var limit = new Limit(2, IsPercent: false);

        var counts = new[] { 1, 2, 100 }.Select(limit.Resolve);

        Assert.All(counts, c => Assert.Equal(2, c));
    }
}
