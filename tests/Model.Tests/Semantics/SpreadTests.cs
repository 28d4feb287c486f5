using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;

namespace Escalator.Model.Tests.Semantics;

public sealed class SpreadTests
{
    [Theory]
    [InlineData(DurationDistribution.LogNormal, 0.3)]
    [InlineData(DurationDistribution.Gamma, 0.3)]
    [InlineData(DurationDistribution.Normal, 0.25)]
    public void Quantile_AnyDistribution_BoundsThatShareOfDraws(DurationDistribution distribution, double cv)
    {
        var spread = new Spread(new DurationSpread(distribution, cv));
        var random = new Random(7);

        var p95 = spread.Quantile(60, 0.95);
        var draws = Enumerable.Range(0, 40_000).Select(_ => spread.Draw(random, 60)).ToList();

        // The solver proves budgets at this quantile; the simulator draws from the same distribution.
        Assert.InRange(draws.Count(d => d <= p95) / (double)draws.Count, 0.94, 0.96);
        Assert.InRange(draws.Average(), 59, 61);
    }

    [Fact]
    public void Quantile_LogNormalWorkedExample_IsAboutHalfAgainTheMean()
    {
        var spread = new Spread(new DurationSpread(DurationDistribution.LogNormal, 0.3));

        // σ² = ln 1.09, μ = ln 3 − σ²/2: p95 = exp(μ + 1.645 σ) ≈ 4.66 s for a 3 s switchover.
        Assert.Equal(4.66, spread.Quantile(3, 0.95), 0.01);
    }

    [Fact]
    public void Quantile_NoSpread_IsTheExpectedValue()
    {
        var spread = new Spread(new DurationSpread(DurationDistribution.LogNormal, 0));

        Assert.True(spread.IsFixed);
        Assert.Equal(42, spread.Quantile(42, 0.99));
        Assert.Equal(42, spread.Draw(new Random(1), 42));
    }
}
