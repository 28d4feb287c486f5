using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Escalator.Simulator.Runs;

/// <summary>A sample's summary: mean, standard deviation, percentiles, the 95 % confidence interval of the mean, extremes.</summary>
public sealed record Summary(double Mean, double Sd, double P50, double P95, double P99, double CiLow, double CiHigh, double Min, double Max)
{
    public static readonly Summary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Summarises <paramref name="values"/> (sorted in place).</summary>
    /// <remarks>Percentiles by R's type 7 (linear between order statistics); the interval by Student's t with n − 1 degrees
    /// of freedom.</remarks>
    public static Summary Of(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) return Empty;
        Array.Sort(values);
        var mean = values.Mean();
        var sd = values.Length > 1 ? values.StandardDeviation() : 0;
        var half = values.Length > 1 ? StudentT.InvCDF(0, 1, values.Length - 1, 0.975) * sd / Math.Sqrt(values.Length) : 0;
        double Q(double p) => SortedArrayStatistics.QuantileCustom(values, p, QuantileDefinition.R7);
        return new Summary(mean, sd, Q(0.5), Q(0.95), Q(0.99), mean - half, mean + half, values[0], values[^1]);
    }
}
