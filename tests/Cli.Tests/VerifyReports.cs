using Escalator.Model.Pipeline;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;

namespace Escalator.Cli.Tests;

/// <summary>Verify reports of bundled campaigns, through the same pipeline as the commands, for the report formats' tests:
/// verified in-process, then a test may change the result (the CLI cannot be made to time out on demand).</summary>
internal static class VerifyReports
{
    /// <summary>The report of <paramref name="campaign"/> (a path from the repository root), its solver result changed by
    /// <paramref name="change"/> (to show verdicts the bundled scenarios do not give).</summary>
    public static VerifyReport Of(string campaign, Func<VerificationResult, VerificationResult> change)
    {
        var report = CampaignVerifier.Verify(CampaignInputs.Load([Repo.Path(campaign.Split('/'))], campaignRequired: true).Expand());
        return report with { Result = change(report.Result) };
    }
}
