namespace Escalator.Model.Semantics;

/// <summary>Draws durations and chances from one run's random stream, by the campaign's <see cref="Spread"/>.</summary>
public sealed class DurationSampler(Random random, Spread spread)
{
    public Random Random => random;

    /// <summary>A duration with mean <paramref name="expected"/> seconds (never negative).</summary>
    public double Draw(double expected) => spread.Draw(random, expected);

    /// <summary>How long a move runs: Nova's abort at its completion timeout is its rule, not a draw; a live migration never
    /// lasts less than its stop-and-copy pause.</summary>
    public double Draw(MoveTiming move) =>
        !move.Completes ? move.Seconds : move.Live ? Math.Max(move.PauseSeconds, Draw(move.Seconds)) : Draw(move.Seconds);

    /// <summary>Whether an event of probability <paramref name="p"/> happens.</summary>
    public bool Chance(double p) => p > 0 && random.NextDouble() < p;
}
