namespace Escalator.Agreement.Tests;

/// <summary>The solver, the simulator and the executor agree on generated plans (<see cref="EngineAgreement"/>).</summary>
/// <remarks>CI checks <see cref="DefaultPlans"/> plans from the fixed replay seed; <c>benchmarks/agreement</c> sets
/// <c>ESCALATOR_AGREEMENT_PLANS</c> to check more and <c>ESCALATOR_AGREEMENT_REPORT</c> to write the tally;
/// <c>ESCALATOR_AGREEMENT_SEEDS</c> replays the worlds of a report by their seeds.</remarks>
public sealed class EngineAgreementTests
{
    private const int DefaultPlans = 1000;

    [Fact]
    public void Engines_GeneratedPlans_Agree()
    {
        var plans = int.TryParse(Environment.GetEnvironmentVariable("ESCALATOR_AGREEMENT_PLANS"), out var n) && n > 0 ? n : DefaultPlans;
        var (safe, disagreeing) = (0, new List<string>());

        void Check(int seed)
        {
            var world = PlanWorlds.Build(seed);
            var (isSafe, found) = EngineAgreement.Check(world);
            if (isSafe) safe++;
            if (found.Count > 0) disagreeing.Add($"{world}\n  solver {(isSafe ? "SAFE" : "UNSAFE")}\n  {string.Join("\n  ", found)}");
        }

        // The property records instead of throwing, so that a run counts every disagreement rather than stopping at the first.
        // ESCALATOR_AGREEMENT_SEEDS (comma-separated) replays the worlds a report names instead.
        if (Environment.GetEnvironmentVariable("ESCALATOR_AGREEMENT_SEEDS") is { Length: > 0 } listed)
        {
            var seeds = listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
            plans = seeds.Count;
            seeds.ForEach(Check);
        }
        else
        {
            Properties.Check(plans, Check);
        }

        var tally = $"{plans} plans: {safe} SAFE, {plans - safe} UNSAFE; {disagreeing.Count} with a disagreement";
        if (Environment.GetEnvironmentVariable("ESCALATOR_AGREEMENT_REPORT") is { Length: > 0 } report)
        {
            File.WriteAllText(report, $"{tally}\n\n{string.Join("\n\n", disagreeing)}\n");
        }
        Assert.True(disagreeing.Count == 0, $"{tally}; the first:\n{string.Join("\n\n", disagreeing.Take(3))}");
        Assert.True(plans < 100 || (safe >= plans / 5 && plans - safe >= plans / 5), tally);
    }
}
