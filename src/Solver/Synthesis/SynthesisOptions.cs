namespace Escalator.Solver.Synthesis;

/// <summary>How to synthesise.</summary>
/// <param name="Timeout">The longest the search may take in all; past it the best plan found so far is returned.</param>
public sealed record SynthesisOptions(TimeSpan Timeout)
{
    public static readonly SynthesisOptions Default = new(TimeSpan.FromMinutes(1));
}
