using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Pipeline;

/// <summary>The pipeline after expansion: clean inputs and the plan the campaign makes of the topology, ready to be
/// verified (<c>Solver.Pipeline.CampaignVerifier</c>), simulated or run.</summary>
/// <param name="CampaignSources">Where each node of the campaign was, so that a verdict can point at lines.</param>
public sealed record ExpandedCampaign(DataCentre Topology, Campaign Campaign, Plan Plan, SourceMap CampaignSources);
