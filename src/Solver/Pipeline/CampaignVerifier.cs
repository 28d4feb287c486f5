using Escalator.Model.Pipeline;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Pipeline;

/// <summary>The last stage of the pipeline (load → validate → expand → verify): proves an expanded campaign's plan, for
/// every command that proves (<c>verify</c>, <c>run</c>) and for the REST service's submissions.</summary>
public static class CampaignVerifier
{
    /// <summary>Proves the plan (<see cref="PlanVerifier"/>) and returns the verdict with everything a report shows.</summary>
    public static VerifyReport Verify(ExpandedCampaign expanded, VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expanded);
        var result = PlanVerifier.Verify(expanded.Topology, expanded.Campaign, expanded.Plan, options);
        return new VerifyReport(expanded.Campaign, expanded.Topology, expanded.Plan, result, expanded.CampaignSources);
    }
}
