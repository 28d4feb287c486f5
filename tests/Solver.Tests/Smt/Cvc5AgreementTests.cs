using Escalator.Model.Plans;
using Escalator.Solver.Invariants;
using Escalator.Solver.Tests.Verification;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Tests.Smt;

/// <summary>The verification condition the verifier writes (<c>EmitSmt2</c>), read by cvc5: satisfiable exactly when Z3
/// found the plan safe.</summary>
public sealed class Cvc5AgreementTests
{
    private static readonly VerifyOptions Options = new(TimeSpan.FromSeconds(60), EmitSmt2: true);

    public static TheoryData<string> Scenarios() => [.. Repo.ScenarioCampaigns()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Smt2_ScenarioCampaign_Cvc5AgreesWithZ3(string file)
    {
        var (dc, campaign) = Repo.Scenario(file);
        var result = PlanVerifier.Verify(dc, campaign, PlanExpander.Expand(campaign, dc), Options);

        var answer = Cvc5.Check(result.Smt2!);

        Assert.IsNotType<Verdict.Unknown>(result.Verdict);
        Assert.Equal(result.IsSafe ? "sat" : "unsat", answer);
    }

    [Fact]
    public void Smt2_SmallWorlds_Cvc5AgreesWithZ3()
    {
        var answers = new Dictionary<string, int>();

        foreach (var seed in Enumerable.Range(1, 40))
        {
            var world = SmallWorlds.Build(seed, gentle: seed % 2 == 0);
            var result = PlanVerifier.Verify(world.Topology, world.Campaign, PlanExpander.Expand(world.Campaign, world.Topology), Options);
            var answer = Cvc5.Check(result.Smt2!);
            Assert.True(answer == (result.IsSafe ? "sat" : "unsat"), $"{world}\nZ3: {(result.IsSafe ? "safe" : string.Join("; ", result.Violations))}\ncvc5: {answer}");
            answers[answer] = answers.GetValueOrDefault(answer) + 1;
        }

        Assert.True(answers.GetValueOrDefault("sat") > 0 && answers.GetValueOrDefault("unsat") > 0, string.Join(", ", answers));
    }

    [Fact]
    public void Smt2_HandEditedUnsafePlan_Cvc5SaysUnsat()
    {
        var (dc, campaign) = Repo.Scenario("minimal/rolling-computes.yaml");
        var plan = PlanEdits.Merge(PlanExpander.Expand(campaign, dc), 1, 2);
        var result = PlanVerifier.Verify(dc, campaign, plan, Options);

        var answer = Cvc5.Check(result.Smt2!);

        Assert.Contains(result.Violations, v => v.Code == Invariant.FaultDomains.Code);
        Assert.Equal("unsat", answer);
    }
}
