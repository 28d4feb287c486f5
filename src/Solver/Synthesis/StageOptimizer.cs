using System.Diagnostics;

namespace Escalator.Solver.Synthesis;

/// <summary>The fastest waves of one stage by its model: a bound proved without a solver, a greedy plan, and Z3 only
/// where the two differ.</summary>
internal static class StageOptimizer
{
    /// <summary>Optimises the stage's waves under its model and <paramref name="cuts"/>.</summary>
    /// <remarks>The lower bound never counts the cuts (they are not conditions every safe plan meets), so it holds for
    /// every safe plan; with cuts, a plan is never called optimal.</remarks>
    public static StageOutcome Run(StageModel m, IReadOnlyList<Group> cuts, SynthesisOptions options, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var bound = new TimeBound(m);
        if (m.Hosts.Count == 0) return new StageOutcome([], 0, 0, Proof.Bounds, "");
        var waves = GreedyWaves.Assign(m, cuts);
        if (waves is not null && GreedyWaves.Seconds(m, waves) <= bound.Seconds + Tolerance(waves.Count))
        {
            return Outcome(m, waves, bound.Seconds, cuts.Count == 0 ? Proof.Bounds : Proof.None);
        }
        var slots = waves?.Count ?? m.LowerBound();
        while (waves is null)
        {
            // No greedy plan (a canary it could not fill, or no room): the fewest waves Z3 finds, then their fastest.
            if (slots > m.Hosts.Count + 1 || clock.Elapsed >= budget) return Fail(m, bound, slots, clock.Elapsed >= budget);
            using var search = new TimeSearch(m, slots, cuts);
            waves = search.Any(budget - clock.Elapsed, out var decided);
            if (waves is null && !decided) return Fail(m, bound, slots, timedOut: true);
            if (waves is null) slots++;
        }
        if (m.Hosts.Count > options.SolverHosts || !TimeSearch.Fits(m, slots)) return Outcome(m, waves, bound.Seconds, Proof.None);
        using (var search = new TimeSearch(m, slots, cuts))
        {
            // In whole milliseconds a plan may count up to one less per wave than the bound in seconds.
            var lower = WaveEncoding.Millis(bound.Seconds - m.SoakSeconds) - slots;
            var (best, proved) = search.Minimise(waves, Math.Max(0, lower), budget - clock.Elapsed);
            // Proved for plans of up to `slots` waves; plans of more waves are bounded without the solver.
            var lowest = Math.Max(bound.Seconds, Math.Min(proved / 1000.0 + m.SoakSeconds, bound.AtLeast(slots + 1)));
            var seconds = GreedyWaves.Seconds(m, best);
            return Outcome(m, best, lowest, cuts.Count == 0 && seconds <= lowest + Tolerance(best.Count) ? Proof.Z3 : Proof.None);
        }
    }

    /// <summary>Durations go to Z3 in whole milliseconds: equal within a millisecond a wave is equal.</summary>
    private static double Tolerance(int waves) => 0.001 * waves;

    private static StageOutcome Outcome(StageModel m, List<List<int>> waves, double lowerBound, Proof proof)
    {
        var nonEmpty = waves.Where(w => w.Count > 0).ToList();
        return new StageOutcome(nonEmpty, GreedyWaves.Seconds(m, nonEmpty), lowerBound, proof, "");
    }

    private static StageOutcome Fail(StageModel m, TimeBound bound, int slots, bool timedOut) =>
        new(null, 0, bound.Seconds, Proof.None, timedOut
            ? $"no plan found within the timeout (tried up to {slots} waves)"
            : $"no assignment of its {m.Hosts.Count} hosts to waves keeps the limits and every VNF's and cluster's tolerance");
}

/// <summary>How a stage's waves were proved the fastest its model allows.</summary>
public enum Proof
{
    /// <summary>Not proved: the search ran out of time, could not run, or had learnt cuts.</summary>
    None,

    /// <summary>By counting alone (<see cref="TimeBound"/>): the plan found meets the bound.</summary>
    Bounds,

    /// <summary>By Z3: no plan of the model is faster.</summary>
    Z3,
}

/// <summary>What the optimiser found for a stage: its waves (host indices) or why there are none, what they take by the
/// model, the least any safe plan takes, and how the waves were proved optimal.</summary>
internal sealed record StageOutcome(List<List<int>>? Waves, double Seconds, double LowerBound, Proof Proof, string Why);
