using Escalator.Model.Campaigns;
using MathNet.Numerics.Distributions;

namespace Escalator.Simulator.DataCentre;

/// <summary>Draws durations around their expected value from the campaign's distribution, with one run's random stream.</summary>
internal sealed class DurationSampler
{
    private readonly Random _random;
    private readonly DurationDistribution _distribution;
    private readonly double _cv;
    private readonly double _logSigma;

    public DurationSampler(Random random, DurationSpread spread)
    {
        _random = random;
        _cv = spread.Cv;
        _distribution = spread.Cv <= 0 ? DurationDistribution.Fixed : spread.Distribution;
        _logSigma = Math.Sqrt(Math.Log(1 + _cv * _cv));
    }

    public Random Random => _random;

    /// <summary>A duration with mean <paramref name="expected"/> seconds (never negative).</summary>
    public double Draw(double expected)
    {
        if (expected <= 0) return 0;
        return _distribution switch
        {
            // Mean m and coefficient of variation c: σ² = ln(1 + c²), μ = ln m − σ²/2.
            DurationDistribution.LogNormal => LogNormal.Sample(_random, Math.Log(expected) - _logSigma * _logSigma / 2, _logSigma),
            // Shape k = 1/c², rate k/m.
            DurationDistribution.Gamma => Gamma.Sample(_random, 1 / (_cv * _cv), 1 / (_cv * _cv) / expected),
            DurationDistribution.Normal => Math.Max(0, Normal.Sample(_random, expected, _cv * expected)),
            _ => expected,
        };
    }

    /// <summary>Whether an event of probability <paramref name="p"/> happens.</summary>
    public bool Chance(double p) => p > 0 && _random.NextDouble() < p;
}
