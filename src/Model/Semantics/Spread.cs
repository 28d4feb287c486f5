using Escalator.Model.Campaigns;
using MathNet.Numerics.Distributions;

namespace Escalator.Model.Semantics;

/// <summary>How a duration spreads around its expected value: the campaign's <c>simulation.durations</c>, the one
/// distribution the simulator draws from and the solver takes its quantiles of.</summary>
/// <remarks>The expected value is the distribution's mean, and <c>cv</c> its standard deviation over its mean. Log-normal:
/// σ² = ln(1 + cv²), μ = ln m − σ²/2; gamma: shape 1/cv², rate shape/m; normal: cut at zero; a cv of 0 is fixed.</remarks>
public sealed class Spread
{
    private readonly DurationDistribution _distribution;
    private readonly double _cv;
    private readonly double _logSigma;

    public Spread(DurationSpread spread)
    {
        ArgumentNullException.ThrowIfNull(spread);
        _cv = spread.Cv;
        _distribution = spread.Cv <= 0 ? DurationDistribution.Fixed : spread.Distribution;
        _logSigma = Math.Sqrt(Math.Log(1 + _cv * _cv));
    }

    /// <summary>Whether every draw is the expected value.</summary>
    public bool IsFixed => _distribution == DurationDistribution.Fixed;

    /// <summary>A duration with mean <paramref name="expected"/> seconds (never negative).</summary>
    public double Draw(Random random, double expected)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (expected <= 0 || !double.IsFinite(expected)) return Math.Max(0, expected);
        return _distribution switch
        {
            DurationDistribution.LogNormal => LogNormal.Sample(random, Math.Log(expected) - _logSigma * _logSigma / 2, _logSigma),
            DurationDistribution.Gamma => Gamma.Sample(random, 1 / (_cv * _cv), 1 / (_cv * _cv) / expected),
            DurationDistribution.Normal => Math.Max(0, Normal.Sample(random, expected, _cv * expected)),
            _ => expected,
        };
    }

    /// <summary>The duration that a share <paramref name="p"/> of draws around <paramref name="expected"/> stay within.</summary>
    public double Quantile(double expected, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        if (expected <= 0 || !double.IsFinite(expected)) return Math.Max(0, expected);
        return _distribution switch
        {
            DurationDistribution.LogNormal => LogNormal.InvCDF(Math.Log(expected) - _logSigma * _logSigma / 2, _logSigma, p),
            DurationDistribution.Gamma => Gamma.InvCDF(1 / (_cv * _cv), 1 / (_cv * _cv) / expected, p),
            DurationDistribution.Normal => Math.Max(0, Normal.InvCDF(expected, _cv * expected, p)),
            _ => expected,
        };
    }
}
