namespace Escalator.Simulator.Runs;

/// <summary>How many runs, from which seed, with or without faults, on how many cores.</summary>
/// <param name="Parallelism">Runs at once; null: one per core. The results do not depend on it.</param>
/// <param name="Expected">Every duration at its expected value instead of a draw (with one run and no faults: the run
/// the solver's verdict is compared with).</param>
public sealed record MonteCarloOptions(int Runs, int Seed, bool Faults = true, int? Parallelism = null, bool Expected = false);

/// <summary>Runs a plan many times in parallel, each run with its own seeded stream, and keeps every run's measures.</summary>
public static class MonteCarlo
{
    /// <summary>Runs them all. A run's result depends only on the seed and its number, so the outcome is the same for any
    /// degree of parallelism. The typical run (duration nearest the median) is run again with its timeline.</summary>
    /// <param name="progress">Told the number of runs finished so far, from any thread.</param>
    public static MonteCarloResult Run(PlanSimulator simulator, MonteCarloOptions options, Action<int>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Runs);
        var runs = new RunResult[options.Runs];
        var downtime = new InstanceDowntimes(simulator.DataCentre.Vnfs.Sum(v => v.Instances.Length));
        var done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount,
            CancellationToken = cancel,
        };
        // Blocks of runs go in parallel; each block's per-instance figures are then folded in run order, so the sums do not
        // depend on which thread finished first, and only one block's arrays are alive at a time.
        var block = Math.Max(64, 8 * parallel.MaxDegreeOfParallelism);
        for (var first = 0; first < options.Runs; first += block)
        {
            var end = Math.Min(options.Runs, first + block);
            Parallel.For(first, end, parallel, i =>
            {
                runs[i] = simulator.Run(i + 1, RunSeeds.For(options.Seed, i), options.Faults, expected: options.Expected);
                progress?.Invoke(Interlocked.Increment(ref done));
            });
            for (var i = first; i < end; i++)
            {
                downtime.Add(runs[i].InstanceDowntime);
                runs[i] = runs[i] with { InstanceDowntime = [] };
            }
        }
        var typical = Typical(runs);
        var traced = simulator.Run(typical.Run, typical.Seed, options.Faults, trace: true, options.Expected);
        return new MonteCarloResult(simulator, options, runs, traced, downtime.Means(options.Runs), downtime.Maxima);
    }

    /// <summary>The run whose duration is nearest the median (the first such run).</summary>
    private static RunResult Typical(RunResult[] runs)
    {
        var sorted = runs.Select(r => r.DurationSeconds).Order().ToArray();
        var median = sorted[sorted.Length / 2];
        return runs.MinBy(r => Math.Abs(r.DurationSeconds - median))!;
    }

    /// <summary>Sums and maxima of per-instance downtime across runs.</summary>
    private sealed class InstanceDowntimes(int count)
    {
        private readonly double[] _sum = new double[count];

        public double[] Maxima { get; } = new double[count];

        public void Add(IReadOnlyList<double> downtime)
        {
            for (var i = 0; i < downtime.Count; i++)
            {
                _sum[i] += downtime[i];
                Maxima[i] = Math.Max(Maxima[i], downtime[i]);
            }
        }

        public double[] Means(int runs) => [.. _sum.Select(s => s / runs)];
    }
}

/// <summary>Every run's measures, the typical run with its timeline, and per-instance downtime across runs.</summary>
/// <param name="Runs">In run order (run 1 first), whatever the order they finished in.</param>
public sealed record MonteCarloResult(
    PlanSimulator Simulator,
    MonteCarloOptions Options,
    IReadOnlyList<RunResult> Runs,
    RunResult Typical,
    IReadOnlyList<double> InstanceDowntimeMean,
    IReadOnlyList<double> InstanceDowntimeMax);
