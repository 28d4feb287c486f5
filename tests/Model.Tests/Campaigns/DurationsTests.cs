using Escalator.Model.Yaml;
using FsCheck.Fluent;

namespace Escalator.Model.Tests.Campaigns;

/// <summary>Durations as campaigns write them (expected, timeout, soak).</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1m30s250ms", 90.25)]
    [InlineData("1.5s", 1.5)]
    [InlineData("90", 90)]
    [InlineData("0.25", 0.25)]
    [InlineData(" 10s ", 10)]
    [InlineData("0", 0)]
    [InlineData("119ms", 0.119)]
    public void TryParse_Valid_Seconds(string text, double seconds)
    {
        var ok = Durations.TryParse(text, out var parsed);

        Assert.True(ok);
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("5 m")]
    [InlineData("-5")]
    [InlineData("-5s")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("5m-3s")]
    [InlineData("1..2s")]
    [InlineData("forever")]
    public void TryParse_Malformed_False(string text)
    {
        var ok = Durations.TryParse(text, out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryParse_HugeNumberWithUnit_FalseRatherThanInfinite()
    {
        var text = new string('9', 400) + "d";

        var ok = Durations.TryParse(text, out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.5, "500ms")]
    [InlineData(90, "1m30s")]
    [InlineData(5400, "1h30m")]
    [InlineData(86401, "1d1s")]
    [InlineData(0.119, "119ms")]
    [InlineData(1.0005, "1.0005")]
    public void Format_Seconds_ShortestUnits(double seconds, string expected)
    {
        var text = Durations.Format(seconds);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Format_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.Format(-1));
    }

    [Fact]
    public void FormatThenParse_WholeMilliseconds_SameValue()
    {
        var gen = Gen.Choose(0, int.MaxValue).Select(ms => ms / 1000.0);

        Properties.Check(gen, 500, seconds =>
        {
            var ok = Durations.TryParse(Durations.Format(seconds), out var back);

            Assert.True(ok);
            Assert.Equal(seconds, back);
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void FormatThenParse_AnyNonNegativeDouble_SameValue()
    {
        var gen = from mantissa in Gen.Choose(0, int.MaxValue)
                  from exponent in Gen.Choose(-30, 30)
                  select mantissa * Math.Pow(10, exponent) / 7;

        Properties.Check(gen, 500, seconds =>
        {
            var text = Durations.Format(seconds);
            var ok = Durations.TryParse(text, out var back);

            Assert.True(ok, text);
            Assert.Equal(seconds, back);
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void FormatThenParse_SumOffAWholeMillisecond_SameValue()
    {
        var seconds = 0.1 + 0.2;

        var ok = Durations.TryParse(Durations.Format(seconds), out var back);

        Assert.True(ok);
        Assert.Equal(seconds, back);
    }
}
