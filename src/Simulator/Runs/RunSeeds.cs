namespace Escalator.Simulator.Runs;

/// <summary>Derives each Monte Carlo run's seed from the campaign seed and the run's number, so a run draws the same
/// numbers whichever core runs it and however many runs there are.</summary>
public static class RunSeeds
{
    /// <summary>SplitMix64 of the pair: well mixed, so neighbouring runs get unrelated streams.</summary>
    public static int For(int seed, int run)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(run);
        var z = unchecked(((ulong)(uint)seed << 32) + (ulong)run + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }
}
