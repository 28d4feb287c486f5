namespace Escalator.Solver.Synthesis;

/// <summary>The order of a stage's waves under the move-once rule: what a plan takes does not depend on it, where VMs
/// may go does.</summary>
/// <remarks>Under move-once a VM leaves only onto a host outside the campaign or already upgraded, so the first waves
/// should be those whose VMs fit in the room there is: at each step, per site, the waves whose evacuees fit in the free
/// RAM of the hosts outside the stage and of the hosts already visited (emptied of their own VMs); among them the one
/// that needs least. A canary wave stays first. This is RAM in aggregate, a necessary condition; expansion places each VM
/// and verification judges the result.</remarks>
internal static class WaveOrder
{
    public static List<List<int>> MoveOnce(StageModel m, List<List<int>> waves)
    {
        if (m.Rooms.Count == 0 || waves.Count < 2) return waves;
        var canary = m.FirstWave is null ? 0 : 1;
        var room = m.Rooms.ToDictionary(r => r.Site, r => r.TotalFree - r.Free.Values.Sum(), StringComparer.Ordinal);
        foreach (var w in waves.Take(canary)) Visit(m, w, room);
        var left = waves.Skip(canary).ToList();
        var ordered = waves.Take(canary).ToList();
        while (left.Count > 0)
        {
            var next = left.OrderBy(w => Fits(m, w, room) ? 0 : 1).ThenBy(w => Need(m, w)).First();
            left.Remove(next);
            ordered.Add(next);
            Visit(m, next, room);
        }
        return ordered;
    }

    private static bool Fits(StageModel m, List<int> wave, Dictionary<string, long> room) =>
        m.Rooms.All(r => wave.Where(r.Needs.ContainsKey).Sum(i => r.Needs[i]) <= room[r.Site]);

    private static long Need(StageModel m, List<int> wave) => m.Rooms.Sum(r => wave.Where(r.Needs.ContainsKey).Sum(i => r.Needs[i]));

    /// <summary>The wave's evacuees take room; its hosts, emptied and upgraded, give all of theirs.</summary>
    private static void Visit(StageModel m, List<int> wave, Dictionary<string, long> room)
    {
        foreach (var r in m.Rooms)
        {
            foreach (var i in wave.Where(r.Needs.ContainsKey)) room[r.Site] += r.Free[i];
        }
    }
}
