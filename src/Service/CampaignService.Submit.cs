using System.Text.Json;
using Escalator.Model.Diagnostics;
using Escalator.Model.Pipeline;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;
using Escalator.Solver.Reports;
using Escalator.Solver.Verification;

namespace Escalator.Service;

internal sealed partial class CampaignService
{
    /// <summary><c>POST /v1/campaigns</c>: loads, expands and proves the campaign, then starts its run (202); 400 with every
    /// diagnostic, 409 with the verdict when the plan is not proved safe and not overridden, 409 when the run id is taken.</summary>
    public ApiReply Submit(SubmitBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Closing() is { } closing) return closing;
        if (body.Topology is null || body.Campaign is null)
        {
            return ApiReply.Error(400, "invalid-request", "expected the fields 'topology' and 'campaign', each the text of a YAML file");
        }
        if (Webhooks(body.Webhooks, out var webhooks) is { } badWebhook) return badWebhook;
        var inputs = CampaignInputs.FromText("topology", body.Topology, "campaign", body.Campaign);
        if (!inputs.CanExpand) return Invalid(inputs.Diagnostics);
        var id = body.RunId ?? inputs.Campaign!.Name;
        if (!RunStore.IsValidId(id))
        {
            return ApiReply.Error(400, "invalid-request",
                $"'{id}' cannot be a run id: use letters, digits, '.', '_' and '-', at most 128, starting with a letter or digit (give runId)");
        }
        lock (_gate)
        {
            if (Taken(id) is { } taken) return taken;
        }
        var (report, refusal) = Prove(inputs.Expand(), body.OverrideVerdict);
        if (refusal is not null) return refusal;
        var submission = new Submission(body.Topology, body.Campaign, body.OverrideVerdict, webhooks, report.Result.IsSafe, report.Summary);
        var run = new ServedRun(id, submission, report.Topology, report.Campaign, report.Plan);
        lock (_gate)
        {
            // Checked again: another submission of the same id may have been proved meanwhile.
            if ((Closing() ?? Taken(id)) is { } late) return late;
            _store.Save(id, submission);
            _runs[id] = run;
            Start(run, null);
        }
        return new ApiReply(202, new { run = id, state = "running", verdict = report.Summary, location = Location(id) }) { Location = Location(id) };
    }

    /// <summary>Proves the plan; with the 409 to answer when it is not proved safe and not overridden.</summary>
    private (VerifyReport Report, ApiReply? Refusal) Prove(ExpandedCampaign expanded, bool overrideVerdict)
    {
        var report = CampaignVerifier.Verify(expanded, new VerifyOptions(_settings.SolverTimeout));
        var result = report.Result;
        if (result.IsSafe || overrideVerdict) return (report, null);
        using var verdict = JsonDocument.Parse(VerifyJson.Write(report));
        return (report, ApiReply.Error(409, result.Verdict is Verdict.Unknown ? "unknown" : "unsafe",
            $"the plan is not proved safe ({report.Summary}): fix the campaign, or submit it with \"overrideVerdict\": true",
            ("verdict", verdict.RootElement.Clone())));
    }

    /// <summary>Why a run id cannot be used now (held under <see cref="_gate"/>); null when it is free. A run that never
    /// began (refused, or accepted before a crash) may be replaced.</summary>
    private ApiReply? Taken(string id)
    {
        if (_runs.TryGetValue(id, out var run) && run.Active) return ApiReply.Conflict("run-active", $"run '{id}' is running; give another runId");
        if (Journal(j => j.StateOfRun(id)) is not { } state) return null;
        var word = StateOf(run, state);
        return ApiReply.Conflict("run-exists", word is "suspended" or "interrupted"
            ? $"run '{id}' exists and is {word}: POST {Location(id)}/resume to go on, or give another runId"
            : $"run '{id}' exists and has ended ({word}); give another runId");
    }

    private ApiReply? Closing() => _closing ? ApiReply.Error(503, "shutting-down", "the service is stopping; try again once it is back") : null;

    /// <summary>The campaign's own progress webhooks: absolute http or https URLs.</summary>
    private static ApiReply? Webhooks(IReadOnlyList<string>? texts, out IReadOnlyList<Uri> webhooks)
    {
        var urls = new List<Uri>();
        webhooks = urls;
        foreach (var text in texts ?? [])
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                return ApiReply.Error(400, "invalid-request", $"webhooks: expected absolute http or https URLs; found '{text}'");
            }
            urls.Add(url);
        }
        return null;
    }

    /// <summary>400 with every diagnostic: file (<c>topology</c> or <c>campaign</c>), line, column, YAML path and message.</summary>
    private static ApiReply Invalid(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        var rows = diagnostics.Select(d => new
        {
            file = d.Location?.File, line = d.Location?.Line, column = d.Location?.Column, path = d.Path, code = d.Code,
            severity = d.Severity == Severity.Error ? "error" : "warning", message = d.Message, text = d.ToString(),
        }).ToList();
        return ApiReply.Error(400, "invalid-input",
            $"{errors} error(s) in the files; the first: {diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)}", ("diagnostics", rows));
    }
}
