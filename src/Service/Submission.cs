namespace Escalator.Service;

/// <summary>A campaign as submitted to the API and kept in the state directory, so that a run can resume after a restart.</summary>
/// <param name="Safe">The solver proved the plan safe at submission (the plan is the same on resume: the journal checks it).</param>
/// <param name="Verdict">The verdict in one line, for the log and the executor's refusal or override.</param>
internal sealed record Submission(string Topology, string Campaign, bool OverrideVerdict, IReadOnlyList<Uri> Webhooks, bool Safe, string Verdict);
