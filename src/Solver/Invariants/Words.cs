using Escalator.Model.Topology;

namespace Escalator.Solver.Invariants;

/// <summary>How violations say things, the same in every check: lists, durations, redundancy models, quorum rules.</summary>
internal static class Words
{
    /// <summary>"a", "a and b", "a, b and c"; "none" for nothing.</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "none",
            1 => list[0],
            2 => $"{list[0]} and {list[1]}",
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }

    public static string Seconds(double s) => double.IsPositiveInfinity(s) ? "for good"
        : s < 1 ? $"{Math.Round(s * 1000)}ms"
        : s < 120 ? $"{s:0.#}s"
        : s < 7200 ? $"{Math.Round(s / 60)}m"
        : $"{s / 3600:0.#}h";

    public static string ModelWords(Vnf vnf) => vnf.Redundancy.Model switch
    {
        RedundancyModel.ActiveStandby => "active-standby",
        RedundancyModel.NPlusM => $"n+m ({vnf.Redundancy.MinActive} of {vnf.Instances.Length} needed)",
        RedundancyModel.Quorum => $"a quorum of {vnf.Instances.Length}",
        _ => "no redundancy (none)",
    };

    public static string QuorumWords(ControlCluster c) => c.Quorum switch
    {
        QuorumRule.Majority => "a majority",
        QuorumRule.Any => "any one",
        _ => "all",
    };
}
