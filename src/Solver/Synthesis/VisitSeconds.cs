using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Solver.Synthesis;

/// <summary>What each host's visit takes at least, read off the plan's own expected step durations (the one duration
/// model), never computed here.</summary>
/// <remarks>The campaign is expanded with every synthesised stage's hosts in a single wave: then each host's steps are
/// planned with what it carries at the stage's start (no VM lands on a host of the wave), which is what every host carries
/// at its visit in any plan that keeps the move-once rule (and at least that without it). What depends on the order of
/// the visits is left out: a pair of VNF instances both in the stage switch over in no order here, though a safe plan
/// switches at least the active one over. So each host's figure is a lower bound of its visit in any safe plan, and a
/// plan's waves cost at least the sum of their longest figures.</remarks>
internal static class VisitSeconds
{
    public static Dictionary<HostId, double> Of(Campaign campaign, DataCentre dc, IEnumerable<Stage> stages)
    {
        var waves = new Dictionary<string, IReadOnlyList<IReadOnlyList<HostId>>>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var hosts = StageSelection.Of(campaign, stage, dc).Hosts;
            waves[stage.Name] = hosts.Length == 0 ? [] : [[.. hosts.Select(h => h.Id)]];
        }
        return Of(PlanExpander.Expand(campaign, dc, waves));
    }

    /// <summary>Each host's chain of steps in <paramref name="plan"/>, as the plan times its waves.</summary>
    public static Dictionary<HostId, double> Of(Plan plan)
    {
        var seconds = new Dictionary<HostId, double>();
        foreach (var wave in plan.Waves)
        {
            foreach (var (target, s) in wave.TargetSeconds()) seconds[new HostId(target)] = s;
        }
        return seconds;
    }
}
