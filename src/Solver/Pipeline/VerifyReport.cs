using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Pipeline;

/// <summary>Everything a verify report shows: the inputs, the plan and the solver's result, with source positions
/// (<see cref="CampaignVerifier.Verify"/> makes it; the report formats read it).</summary>
public sealed record VerifyReport(Campaign Campaign, DataCentre Topology, Plan Plan, VerificationResult Result, SourceMap CampaignSources)
{
    /// <summary>The campaign file as given on the command line (empty when the campaign was not read from a file).</summary>
    public string CampaignFile => CampaignSources.File;

    /// <summary>Where in the campaign file the cause of a violation is.</summary>
    public SourceLocation? Locate(Violation v) => CampaignSources.Locate(v.CampaignPath);

    /// <summary>SAFE, UNSAFE or UNKNOWN.</summary>
    public string VerdictWord => Result.Verdict switch
    {
        Verdict.Safe => "SAFE",
        Verdict.Unsafe => "UNSAFE",
        _ => "UNKNOWN",
    };

    /// <summary>The verdict in one line, as a run logs it: the word, then the count and first violation, or the reason.</summary>
    public string Summary => Result.Verdict switch
    {
        Verdict.Unsafe => $"{VerdictWord}: {Result.Violations.Length} violations; the first: {Result.Violations[0]}",
        Verdict.Unknown u => $"{VerdictWord}: {u.Reason}",
        _ => VerdictWord,
    };
}
