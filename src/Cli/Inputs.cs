using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Topology;

namespace Escalator.Cli;

/// <summary>A topology and a campaign loaded and checked together, with every diagnostic of both.</summary>
internal sealed record Inputs(DataCentre? Topology, Campaign? Campaign, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Where each node of the campaign file was (its <see cref="SourceMap.File"/> names the file), for outputs that point at lines.</summary>
    public SourceMap CampaignSources { get; init; } = SourceMap.Empty;

    public bool Ok => Topology is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Loads the files named on the command line: TOPOLOGY CAMPAIGN, a CAMPAIGN that names its topology,
    /// or a lone TOPOLOGY (then <see cref="Campaign"/> is null).</summary>
    public static Inputs Load(IReadOnlyList<string> files, bool campaignRequired)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 2)
        {
            return Both(TopologyLoader.LoadFile(files[0]), files[1]);
        }
        var only = files[0];
        if (LooksLikeTopology(only))
        {
            var alone = TopologyLoader.LoadFile(only);
            if (!campaignRequired) return new Inputs(alone.Value, null, alone.Diagnostics);
            return new Inputs(null, null, [.. alone.Diagnostics, Usage($"'{only}' is a topology; name a campaign after it: TOPOLOGY CAMPAIGN")]);
        }
        var campaign = CampaignLoader.LoadFile(only);
        if (campaign.Value is null)
        {
            return new Inputs(null, null, campaign.Diagnostics);
        }
        if (campaign.Value.Topology is not { } relative)
        {
            return new Inputs(null, campaign.Value, [.. campaign.Diagnostics,
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
    public static Inputs FromText(string topologyName, string topologyText, string campaignName, string campaignText) =>
        Combine(TopologyLoader.Parse(topologyName, topologyText), CampaignLoader.Parse(campaignName, campaignText));

    private static Inputs Both(Loaded<DataCentre> topology, string campaignPath) =>
        Combine(topology, CampaignLoader.LoadFile(campaignPath));

    private static Inputs Combine(Loaded<DataCentre> topology, Loaded<Campaign> campaign)
    {
        var diagnostics = new List<Diagnostic>(topology.Diagnostics);
        diagnostics.AddRange(campaign.Diagnostics);
        // Cross-file checks would only echo the topology's own errors, so they wait until it is clean.
        if (topology.Ok && campaign.Value is not null)
        {
            diagnostics.AddRange(CampaignValidator.Validate(campaign.Value, campaign.Sources, topology.Value!));
        }
        return new Inputs(topology.Value, campaign.Value, diagnostics) { CampaignSources = campaign.Sources };
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

    /// <summary>Writes the diagnostics and a closing count; returns the exit code they call for.</summary>
    public int Report(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var d in Diagnostics) writer.WriteLine(d);
        var errors = Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = Diagnostics.Count - errors;
        if (Diagnostics.Count > 0) writer.WriteLine($"{errors} error(s), {warnings} warning(s)");
        return errors > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
