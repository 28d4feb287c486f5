using Escalator.Model.Pipeline;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Tests.Pipeline;

public sealed class CampaignVerifierTests
{
    [Fact]
    public void Verify_UnsafeScenario_ReportsTheVerdictOfPlanVerifierOnTheExpandedPlan()
    {
        var expanded = Load("unsafe-no-rack-limit.yaml");

        var report = CampaignVerifier.Verify(expanded);

        var direct = PlanVerifier.Verify(expanded.Topology, expanded.Campaign, expanded.Plan);
        Assert.IsType<Verdict.Unsafe>(report.Result.Verdict);
        Assert.Equal(direct.Violations.Select(v => v.ToString()), report.Result.Violations.Select(v => v.ToString()));
        Assert.Same(expanded.Plan, report.Plan);
        Assert.StartsWith($"UNSAFE: {direct.Violations.Length} violations; the first: ", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Violation_LocatedInTheCampaignFile()
    {
        var report = CampaignVerifier.Verify(Load("unsafe-no-rack-limit.yaml"));

        var located = report.Result.Violations.Select(report.Locate).OfType<Escalator.Model.Diagnostics.SourceLocation>().ToList();

        Assert.NotEmpty(located);
        Assert.All(located, l => Assert.Equal(report.CampaignFile, l.File));
    }

    [Fact]
    public void Verify_SafeScenarioWithSmt2Asked_SafeAndKeepsTheCondition()
    {
        var report = CampaignVerifier.Verify(Load("rolling-computes.yaml"), VerifyOptions.Default with { EmitSmt2 = true });

        Assert.Equal(("SAFE", "SAFE"), (report.VerdictWord, report.Summary));
        Assert.Contains("(check-sat)", report.Result.Smt2, StringComparison.Ordinal);
    }

    private static ExpandedCampaign Load(string campaign) =>
        CampaignInputs.Load([Repo.Path("scenarios", "ha", campaign)], campaignRequired: true).Expand();
}
