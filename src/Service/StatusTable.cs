using Escalator.LiveBackend.Journal;

namespace Escalator.Service;

/// <summary>The status table of a run (<c>GET /v1/campaigns/RUN</c>): the run, each target's latest action (folded from the
/// events), each VNF with its instances and the VNFM replies awaited now, and each control-plane cluster's progress.</summary>
/// <remarks>A step is done when its latest journal entry ended ok or skipped. A cluster counts the members the plan acts on
/// (<c>planned</c>) and those among them with every step done (<c>done</c>); a member the campaign leaves alone is in neither.</remarks>
internal static class StatusTable
{
    public static object Of(ServedRun run, string state, IReadOnlyList<JournalEntry> entries, IReadOnlyList<(string Vnf, string Event)> awaiting)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(awaiting);
        var done = entries.GroupBy(e => e.Step).Select(g => g.MaxBy(e => e.Id)!)
            .Where(e => e.Outcome is ActionOutcome.Ok or ActionOutcome.Skipped)
            .CountBy(e => e.Step.Target).ToDictionary(StringComparer.Ordinal);
        var planned = run.Plan.Waves.SelectMany(w => w.Steps).CountBy(s => s.Target).ToDictionary(StringComparer.Ordinal);
        var status = run.Status;
        return new
        {
            run = run.Id,
            campaign = run.Campaign.Name,
            topology = run.Topology.Name,
            state,
            active = run.Active,
            verdict = run.Submission.Verdict,
            overrideVerdict = run.Submission.OverrideVerdict,
            currentWave = status.CurrentWave,
            waves = run.Plan.Waves.Length,
            steps = planned.Values.Sum(),
            stepsDone = done.Values.Sum(),
            stepsOk = status.StepsOk,
            stepsFailed = status.StepsFailed,
            failures = run.Failures,
            events = run.EventCount,
            targets = status.Targets.Select(t => new
            {
                wave = t.Wave, target = t.Target, action = t.Action, outcome = t.Outcome, message = t.Message, time = t.Time,
                stepsDone = done.GetValueOrDefault(t.Target), steps = planned.GetValueOrDefault(t.Target),
            }),
            vnfs = Vnfs(run, awaiting),
            clusters = Clusters(run, planned, done),
        };
    }

    /// <summary>Each VNF: its project, its instances where the topology puts them, and the replies awaited from its VNFM now.</summary>
    private static IEnumerable<object> Vnfs(ServedRun run, IReadOnlyList<(string Vnf, string Event)> awaiting) =>
        run.Topology.Vnfs.Select(v => new
        {
            vnf = v.Id.Name,
            project = v.Coordination.Project,
            coordinated = v.Coordination.Coordinated,
            instances = v.Instances.Select(i => new { instance = i.Id.Name, host = i.Host.Name }),
            awaiting = awaiting.Where(a => a.Vnf == v.Id.Name).Select(a => a.Event),
        });

    /// <summary>Each control-plane cluster: its members, those the plan acts on, and those among them with every step done.</summary>
    private static IEnumerable<object> Clusters(ServedRun run, Dictionary<string, int> planned, Dictionary<string, int> done) =>
        run.Topology.Clusters.Select(c =>
        {
            var acted = c.Members.Where(m => planned.ContainsKey(m.Name)).ToList();
            var finished = acted.Count(m => done.GetValueOrDefault(m.Name) >= planned[m.Name]);
            return new { service = c.Service, members = c.Members.Length, planned = acted.Count, done = finished };
        });
}
