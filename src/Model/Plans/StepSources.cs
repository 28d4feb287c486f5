using Escalator.Model.Campaigns;

namespace Escalator.Model.Plans;

/// <summary>The procedure step each plan step was made from, where the plan does not carry what a runner needs (whether
/// a notification waits for replies and which event it sends, an evacuation's fallback, a verification's checks).</summary>
public static class StepSources
{
    /// <summary>The sources of one target's steps in a wave, in order; null for strategy steps (build, transfer …).</summary>
    /// <remarks>Notifications match the procedure's by order: a host's plan has all of them or none (none when no VNF on
    /// it is coordinated).</remarks>
    public static ProcedureStep?[] Of(Campaign campaign, Wave wave, IEnumerable<PlanStep> targetSteps)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(targetSteps);
        var procedure = campaign.Stages.FirstOrDefault(s => s.Name == wave.Stage) is { } stage
            && campaign.Procedures.Any(p => p.Name == stage.Procedure) ? campaign.ProcedureOf(stage) : null;
        var notifies = procedure?.Steps.Where(s => s.Action == StepAction.Notify).ToList() ?? [];
        var notified = 0;
        return [.. targetSteps.Select(step => step.Action switch
        {
            StepAction.Notify => notified < notifies.Count ? notifies[notified++] : null,
            _ => procedure?.Steps.FirstOrDefault(s => s.Action == step.Action),
        })];
    }
}
