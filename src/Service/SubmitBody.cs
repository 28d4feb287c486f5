namespace Escalator.Service;

/// <summary>The body of <c>POST /v1/campaigns</c>: the topology and the campaign as YAML text, and how to run them.</summary>
/// <param name="RunId">The run's id (default: the campaign's name): letters, digits, '.', '_', '-'.</param>
/// <param name="OverrideVerdict">Run a plan the solver did not prove safe (logged in the run's events).</param>
/// <param name="Webhooks">Progress webhooks of this run only, besides the service's own.</param>
internal sealed record SubmitBody(string? Topology, string? Campaign, string? RunId, bool OverrideVerdict, IReadOnlyList<string>? Webhooks);
