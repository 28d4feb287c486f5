using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;
using Failures = Escalator.Model.Semantics.Resilience;

namespace Escalator.Solver.Resilience;

internal enum CauseKind
{
    HostFails,
    FallsBack,
    RollsBack,
}

/// <summary>One failure the search may choose: its variable and how a planner says it.</summary>
/// <param name="Instance">For a fallback, the instance whose move falls back.</param>
internal sealed record Cause(CauseKind Kind, string Name, string Words, HostId Host, InstanceId? Instance = null)
{
    public Formula Var => Formula.Var(Name);
}

/// <summary>A member of a subject that a failure can take down, and the failures that would.</summary>
internal sealed record Member(string Name, IReadOnlyList<(Cause Cause, string Down)> Causes);

/// <summary>What can break in one wave under failures: a VNF's redundancy (or, for one that tolerates none, its budget), an
/// active-standby pair's switchover-first rule, or a cluster's quorum; with the members the failures can take down and how
/// many of them must go down to break it.</summary>
internal sealed class Subject
{
    private readonly int _wave;
    private readonly Func<WaveExposure, IReadOnlyList<(Member Member, Cause Cause)>, string> _say;

    private Subject(string key, string name, int wave, List<Member> members, int need,
        Func<WaveExposure, IReadOnlyList<(Member Member, Cause Cause)>, string> say)
    {
        Key = key;
        Name = name;
        _wave = wave;
        Members = members;
        Need = need;
        _say = say;
    }

    public string Key { get; }

    /// <summary>The VNF or cluster the violation names.</summary>
    public string Name { get; }

    public IReadOnlyList<Member> Members { get; }

    /// <summary>How many of <see cref="Members"/> must go down to break it.</summary>
    public int Need { get; }

    public string Broken => $"brk.{Key}.w{_wave}";

    public IEnumerable<Cause> Causes => Members.SelectMany(m => m.Causes.Select(c => c.Cause));

    /// <summary>Whether the failures asked could break it at all, counting every one against it: the most members the
    /// host failures, the rollbacks and the fallbacks can each take down, added up (a bound proved without Z3).</summary>
    public bool Reachable(Failures k)
    {
        int Most(CauseKind kind, int count) => Members.SelectMany(m => m.Causes.Where(c => c.Cause.Kind == kind).Select(c => (m.Name, c.Cause.Host)))
            .GroupBy(p => p.Host).Select(g => g.Select(p => p.Name).Distinct().Count()).OrderDescending().Take(count).Sum();
        var fallbacks = Math.Min(k.MigrationFallbacks, Members.Count(m => m.Causes.Any(c => c.Cause.Kind == CauseKind.FallsBack)));
        return Most(CauseKind.HostFails, k.HostFailures) + Most(CauseKind.RollsBack, k.Rollbacks) + fallbacks >= Need;
    }

    /// <summary>A member is down only through one of its causes; the subject is broken when enough are.</summary>
    public IEnumerable<Formula> Constraints()
    {
        var down = new List<Formula>();
        foreach (var m in Members)
        {
            var d = Formula.Var($"d.{Key}.{m.Name}.w{_wave}");
            yield return Formula.Implies(d, Formula.Or(m.Causes.Select(c => c.Cause.Var)));
            down.Add(d);
        }
        yield return Formula.Implies(Formula.Var(Broken), Formula.AtLeast(down, Need));
    }

    /// <summary>The counterexample a model shows: the failures it chose that take this subject's members down, and the
    /// violation that says so.</summary>
    public Counterexample Counterexample(WaveExposure wave, HashSet<string> model)
    {
        var hits = Members.SelectMany(m => m.Causes.Where(c => model.Contains(c.Cause.Name)).Take(1).Select(c => (m, c.Cause))).ToList();
        var causes = hits.Select(h => h.Cause).DistinctBy(c => c.Name).ToList();
        HostId[] Of(CauseKind kind) => [.. causes.Where(c => c.Kind == kind).Select(c => c.Host)];
        return new Counterexample(wave.Wave, Key, Of(CauseKind.HostFails),
            [.. causes.Where(c => c.Kind == CauseKind.FallsBack).Select(c => c.Instance!.Value)], Of(CauseKind.RollsBack),
            new Violation(Invariant.Resilience.Code, wave.Wave, Name, _say(wave, hits), wave.StrategyPath));
    }

    /// <summary>Every subject of the wave that failures could touch.</summary>
    public static IEnumerable<Subject> All(DataCentre dc, WaveExposure wave, IReadOnlyDictionary<HostId, RollbackEffect> rolledBack, Failures k,
        IReadOnlySet<string> fragile)
    {
        var planned = wave.Planned.GroupBy(p => p.Instance).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Seconds)!);
        var fallbacks = k.MigrationFallbacks == 0 ? [] : wave.Fallbacks.ToDictionary(f => f.Instance);
        var n = wave.Wave;
        Cause Fails(HostId h) => new(CauseKind.HostFails, $"fail.{h}.w{n}", $"{h} fails", h);
        Cause RollsBack(HostId h) => new(CauseKind.RollsBack, $"rb.{h}.w{n}", $"the upgrade of {h} in wave {n - 1} rolls back ({h} stays out)", h);
        Cause FallsBack(Interruption f) => new(CauseKind.FallsBack, $"fb.{f.Instance}.w{n}", f.Event!, f.Host, f.Instance);

        // Host failures and rollbacks that take a member on a host down (a host failure not held against a fragile subject;
        // a rollback takes down again what the upgrade took down).
        IEnumerable<(Cause, string)> OnHost(string name, HostId h, bool heldAgainst, double budget, bool undone)
        {
            if (heldAgainst && k.HostFailures > 0 && wave.CanFail.Contains(h)) yield return (Fails(h), $"{name} is down with {h} (failed)");
            if (undone && rolledBack[h].Seconds > budget) yield return (RollsBack(h), $"{name} is down with {h} (rolling back)");
        }
        bool Undone(InstanceId i) => rolledBack.TryGetValue(wave.Placement[i], out var r) && r.Instances.Contains(i);

        foreach (var vnf in dc.Vnfs)
        {
            var held = !fragile.Contains(vnf.Id.Name);
            if (vnf.Tolerated >= 1)
            {
                var down = vnf.Instances.Count(i => planned.ContainsKey(i.Id));
                var members = vnf.Instances.Where(i => !planned.ContainsKey(i.Id))
                    .Select(i => new Member(i.Id.Name, [.. OnHost(i.Id.Name, wave.Placement[i.Id], held, 0, Undone(i.Id))]))
                    .Where(m => m.Causes.Count > 0).ToList();
                var need = vnf.Tolerated + 1 - down;
                if (members.Count > 0 && need > 0)
                {
                    yield return new Subject($"vnf.{vnf.Id}", vnf.Id.Name, n, members, need, (w, hits) =>
                        $"if {Happen(hits)} in wave {w.Wave}, while {Out(w)}, {vnf.Id} keeps {vnf.Instances.Length - down - hits.Count} of "
                        + $"{vnf.Instances.Length} instances; {ModelWords(vnf)} tolerates {vnf.Tolerated} "
                        + $"({string.Join("; ", vnf.Instances.Where(i => planned.ContainsKey(i.Id)).Select(i => planned[i.Id].Why).Concat(hits.Select(h => Down(h))))})");
                }
            }
            else
            {
                var budget = vnf.Availability?.MaxOutageSeconds ?? 0;
                var members = vnf.Instances.Select(i => new Member(i.Id.Name,
                    [.. OnHost(i.Id.Name, wave.Placement[i.Id], held, budget, Undone(i.Id)),
                     .. fallbacks.TryGetValue(i.Id, out var f) && f.Seconds > budget && !(planned.TryGetValue(i.Id, out var p) && p.Seconds > budget)
                         ? [(FallsBack(f), f.Why)] : Array.Empty<(Cause, string)>()]))
                    .Where(m => m.Causes.Count > 0).ToList();
                if (members.Count > 0)
                {
                    yield return new Subject($"vnf.{vnf.Id}", vnf.Id.Name, n, members, 1, (w, hits) =>
                        $"if {Happen(hits)} in wave {w.Wave}, while {Out(w)}, {Down(hits[0])} ({vnf.Id}); {ModelWords(vnf)} tolerates no interruption"
                        + (budget > 0 ? $" longer than its {Seconds(budget)} budget" : ""));
                }
            }
            if (vnf.IsPair && wave.Active.TryGetValue(vnf.Id, out var active) && fallbacks.TryGetValue(active, out var cold)
                && cold.Reason == UnavailableReason.ColdMigration && planned.TryGetValue(active, out var live) && live.Reason == UnavailableReason.LiveMigration)
            {
                var standby = vnf.Instances.First(i => i.Id != active).Id;
                yield return new Subject($"active.{vnf.Id}", vnf.Id.Name, n, [new Member(active.Name, [(FallsBack(cold), cold.Why)])], 1, (w, hits) =>
                    $"if {Happen(hits)} in wave {w.Wave}, {active}, the active instance of {vnf.Id}, goes down without a switchover to {standby} first");
            }
        }
        var membersDown = wave.MembersDown.Select(m => m.Outage).ToHashSet();
        foreach (var cluster in dc.Clusters)
        {
            var held = !fragile.Contains(ClusterKey(cluster));
            var down = cluster.Members.Count(m => membersDown.Contains(new ServiceOutage(cluster.Service, m)));
            var members = cluster.Members.Where(m => !membersDown.Contains(new ServiceOutage(cluster.Service, m)))
                .Select(m => new Member(m.Name, [.. OnHost(m.Name, m, held, 0, rolledBack.TryGetValue(m, out var r) && r.Services.Contains(cluster.Service))]))
                .Where(m => m.Causes.Count > 0).ToList();
            var need = cluster.Tolerated + 1 - down;
            if (members.Count == 0 || need <= 0) continue;
            yield return new Subject(ClusterKey(cluster), cluster.Service, n, members, need, (w, hits) =>
                $"if {Happen(hits)} in wave {w.Wave}, while {Out(w)}, {cluster.Service} keeps {cluster.Members.Length - down - hits.Count} of "
                + $"{cluster.Members.Length} members and loses quorum ({QuorumWords(cluster)} needs {cluster.Needed})");
        }
    }

    public static string ClusterKey(ControlCluster c) => $"cluster.{c.Service}";

    private static string Down((Member Member, Cause Cause) hit) => hit.Member.Causes.First(c => c.Cause == hit.Cause).Down;

    /// <summary>The failures that happen, each once: "cmp-3 fails and the upgrade of cmp-1 in wave 1 rolls back".</summary>
    private static string Happen(IEnumerable<(Member Member, Cause Cause)> hits)
    {
        var causes = hits.Select(h => h.Cause).DistinctBy(c => c.Name).ToList();
        var hosts = causes.Where(c => c.Kind == CauseKind.HostFails).Select(c => c.Host.Name).ToList();
        var said = causes.Where(c => c.Kind != CauseKind.HostFails).Select(c => c.Words).ToList();
        if (hosts.Count > 0) said.Insert(0, hosts.Count == 1 ? $"{hosts[0]} fails" : $"{List(hosts)} fail");
        return List(said);
    }

    private static string Out(WaveExposure w)
    {
        var hosts = w.Out.Select(h => h.Name).Order(NaturalOrder.Instance).ToList();
        if (hosts.Count == 0) return "nothing is out";
        var named = hosts.Count > 3 ? $"{string.Join(", ", hosts.Take(3))} and {hosts.Count - 3} more" : List(hosts);
        return $"{named} {(hosts.Count == 1 ? "is" : "are")} out";
    }
}

/// <summary>Failures that break a subject in a wave, as the search found them.</summary>
/// <param name="Subject">The subject's key: <c>vnf.NAME</c>, <c>active.NAME</c> (switchover first), <c>cluster.SERVICE</c>.</param>
internal sealed record Counterexample(int Wave, string Subject, IReadOnlyList<HostId> Failed, IReadOnlyList<InstanceId> FallenBack,
    IReadOnlyList<HostId> RolledBack, Violation Violation);

/// <summary>What an upgrade that rolls back takes down again in the next wave: what it took down in its own (the VMs left on
/// its host, the cluster members it stopped), for how long.</summary>
internal sealed record RollbackEffect(double Seconds, IReadOnlySet<InstanceId> Instances, IReadOnlySet<string> Services)
{
    /// <summary>The upgrades of <paramref name="before"/> that could roll back into <paramref name="wave"/> (hosts it does not
    /// take out again itself).</summary>
    public static Dictionary<HostId, RollbackEffect> Of(WaveExposure before, WaveExposure wave) =>
        before.Upgraded.Where(u => !wave.Out.Contains(u.Host)).ToDictionary(u => u.Host, u => new RollbackEffect(u.Seconds,
            before.Planned.Where(p => p.Host == u.Host && p.Reason == UnavailableReason.HostDown).Select(p => p.Instance).ToHashSet(),
            before.MembersDown.Where(m => m.Outage.Member == u.Host).Select(m => m.Outage.Service).ToHashSet(StringComparer.Ordinal)));
}
