using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Pipeline;

/// <summary>The first stages of the pipeline (load → validate → expand → verify): a topology and a campaign loaded and
/// checked together, with every diagnostic of both; <see cref="Expand"/> takes them to the next stage.</summary>
/// <remarks>Every command that reads a campaign and the REST service start here, from files (<see cref="Load"/>) or from
/// text (<see cref="FromText"/>): the same loaders, the same cross-file checks, the same diagnostics.</remarks>
public sealed record CampaignInputs(DataCentre? Topology, Campaign? Campaign, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Where each node of the campaign file was (its <see cref="SourceMap.File"/> names the file), for outputs that point at lines.</summary>
    public SourceMap CampaignSources { get; init; } = SourceMap.Empty;

    /// <summary>Whether a topology was read and no diagnostic is an error.</summary>
    public bool Ok => Topology is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Whether there is a campaign to expand: <see cref="Ok"/> and a campaign.</summary>
    public bool CanExpand => Ok && Campaign is not null;

    /// <summary>Loads the files named on a command line: TOPOLOGY CAMPAIGN, a CAMPAIGN that names its topology, or a lone
    /// TOPOLOGY (then <see cref="Campaign"/> is null, and with <paramref name="campaignRequired"/> a diagnostic says to name one).</summary>
    public static CampaignInputs Load(IReadOnlyList<string> files, bool campaignRequired)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfZero(files.Count);
        if (files.Count == 2)
        {
            return Combine(TopologyLoader.LoadFile(files[0]), CampaignLoader.LoadFile(files[1]));
        }
        var only = files[0];
        if (LooksLikeTopology(only))
        {
            var alone = TopologyLoader.LoadFile(only);
            if (!campaignRequired) return new CampaignInputs(alone.Value, null, alone.Diagnostics);
            return new CampaignInputs(null, null, [.. alone.Diagnostics, Usage($"'{only}' is a topology; name a campaign after it: TOPOLOGY CAMPAIGN")]);
        }
        var campaign = CampaignLoader.LoadFile(only);
        if (campaign.Value is null)
        {
            return new CampaignInputs(null, null, campaign.Diagnostics);
        }
        if (campaign.Value.Topology is not { } relative)
        {
            return new CampaignInputs(null, campaign.Value, [.. campaign.Diagnostics,
                Usage($"the campaign '{only}' does not name its topology (topology: FILE); give it first: TOPOLOGY CAMPAIGN")]);
        }
        var topology = TopologyLoader.LoadFile(Path.Combine(Path.GetDirectoryName(only) ?? "", relative));
        if (topology.Value is null && topology.Diagnostics is [{ Code: DiagnosticCodes.FileNotFound } missing])
        {
            // Point at the campaign's topology key, which is what the user has to fix.
            topology = topology with { Diagnostics = [missing with { Location = campaign.Sources.Locate("topology"), Path = "topology" }] };
        }
        return Combine(topology, campaign);
    }

    /// <summary>Loads a topology and a campaign given as text (the REST API's submissions); diagnostics name the files
    /// <paramref name="topologyName"/> and <paramref name="campaignName"/>.</summary>
    public static CampaignInputs FromText(string topologyName, string topologyText, string campaignName, string campaignText) =>
        Combine(TopologyLoader.Parse(topologyName, topologyText), CampaignLoader.Parse(campaignName, campaignText));

    /// <summary>The next stage: the campaign expanded against the topology into a plan.</summary>
    /// <exception cref="InvalidOperationException">The inputs have errors or no campaign (<see cref="CanExpand"/> is false).</exception>
    public ExpandedCampaign Expand()
    {
        if (!CanExpand)
        {
            throw new InvalidOperationException($"only clean inputs with a campaign expand; these have {Diagnostics.Count(d => d.Severity == Severity.Error)} "
                + $"error(s), {(Topology is null ? "no" : "a")} topology and {(Campaign is null ? "no" : "a")} campaign");
        }
        return new ExpandedCampaign(Topology!, Campaign!, PlanExpander.Expand(Campaign!, Topology!), CampaignSources);
    }

    private static CampaignInputs Combine(Loaded<DataCentre> topology, Loaded<Campaign> campaign)
    {
        var diagnostics = new List<Diagnostic>(topology.Diagnostics);
        diagnostics.AddRange(campaign.Diagnostics);
        // Cross-file checks would only echo the topology's own errors, so they wait until it is clean.
        if (topology.Ok && campaign.Value is not null)
        {
            diagnostics.AddRange(CampaignValidator.Validate(campaign.Value, campaign.Sources, topology.Value!));
        }
        return new CampaignInputs(topology.Value, campaign.Value, diagnostics) { CampaignSources = campaign.Sources };
    }

    private static bool LooksLikeTopology(string path)
    {
        try
        {
            return File.ReadLines(path).Any(l => l.StartsWith("sites:", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Diagnostic Usage(string message) => new(DiagnosticCodes.FileNotFound, Severity.Error, message, null, "");
}
