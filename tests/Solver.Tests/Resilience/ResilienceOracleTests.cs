using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Resilience;
using Escalator.Solver.Verification;
using Escalator.TestKit;
using Failures = Escalator.Model.Semantics.Resilience;

namespace Escalator.Solver.Tests.Resilience;

/// <summary>The resilience search against brute force: on generated plans (rolling, canary, parallel universe, clusters,
/// every redundancy model), every combination of failures within the counts is enumerated wave by wave and each subject
/// judged as the Semantics README says ("Failures"); the search must name exactly the subjects enumeration breaks, and
/// each of its counterexamples must break its subject.</summary>
/// <remarks>Both read the waves as the replay recorded them (<see cref="WaveExposure"/>): this checks the search and the
/// rules, not the replay's placement, which the verification's own tests and the agreement property check.</remarks>
public sealed class ResilienceOracleTests
{
    [Fact]
    public void Check_GeneratedPlans_FindsWhatEnumerationFindsAndEveryCounterexampleBreaks()
    {
        var searched = 0;
        Properties.Check(120, seed =>
        {
            var world = PlanWorlds.Build(seed);
            var k = new Failures(1 + (seed & 1), (seed >> 1) & 1, (seed >> 2) & 1);
            var plan = PlanExpander.Expand(world.Campaign, world.Topology);
            var replay = new PlanReplay(world.Topology, world.Campaign, plan, new VerifyOptions(TimeSpan.FromSeconds(30), Resilience: k));
            replay.Run();
            var checker = new ResilienceChecker(world.Topology, k, TimeSpan.FromSeconds(30));
            checker.Check(replay.Exposures);
            var oracle = new Oracle(world.Topology, replay.Exposures, k);

            var found = checker.Counterexamples.Select(c => $"w{c.Wave} {c.Subject}").Order(StringComparer.Ordinal).ToList();
            Assert.True(oracle.Broken.SequenceEqual(found), $"{world}\nk {k}\nenumeration: {string.Join(", ", oracle.Broken)}\nsearch: {string.Join(", ", found)}");
            foreach (var c in checker.Counterexamples)
            {
                Assert.True(oracle.Breaks(c), $"{world}\nk {k}\nthe counterexample does not break {c.Subject}: {c.Violation}");
            }
            searched += checker.Counterexamples.Count;
        });
        Assert.True(searched > 50, $"the property saw only {searched} counterexamples");
    }

    /// <summary>Enumerates every set of failures within the counts, in every wave.</summary>
    private sealed class Oracle
    {
        private readonly DataCentre _dc;
        private readonly IReadOnlyList<WaveExposure> _waves;
        private readonly Failures _k;
        private readonly HashSet<string> _fragile = [];

        public Oracle(DataCentre dc, IReadOnlyList<WaveExposure> waves, Failures k)
        {
            (_dc, _waves, _k) = (dc, waves, k);
            foreach (var v in dc.Vnfs.Where(v => TopK(v.Instances.Select(i => i.Host)) > v.Tolerated)) _fragile.Add($"vnf.{v.Id}");
            foreach (var c in dc.Clusters.Where(c => TopK(c.Members) > c.Tolerated)) _fragile.Add($"cluster.{c.Service}");
            var broken = new SortedSet<string>(StringComparer.Ordinal);
            for (var w = 0; w < waves.Count; w++)
            {
                var e = waves[w];
                var rollbacks = Rollbacks(w).Keys.ToList();
                var holders = e.Placement.Values.Concat(dc.Clusters.SelectMany(c => c.Members)).ToHashSet();
                foreach (var failed in Subsets([.. e.CanFail.Where(holders.Contains)], k.HostFailures))
                {
                    foreach (var fallen in Subsets([.. e.Fallbacks.Select(f => f.Instance)], k.MigrationFallbacks))
                    {
                        foreach (var rolled in Subsets(rollbacks, k.Rollbacks))
                        {
                            foreach (var subject in Keys().Where(s => !broken.Contains($"w{e.Wave} {s}")))
                            {
                                if (IsBroken(w, subject, failed, fallen, rolled)) broken.Add($"w{e.Wave} {subject}");
                            }
                        }
                    }
                }
            }
            Broken = [.. broken];
        }

        public IReadOnlyList<string> Broken { get; }

        public bool Breaks(Counterexample c)
        {
            var w = _waves.Select((e, i) => (e, i)).Single(p => p.e.Wave == c.Wave).i;
            return c.Failed.Count <= _k.HostFailures && c.FallenBack.Count <= _k.MigrationFallbacks && c.RolledBack.Count <= _k.Rollbacks
                && IsBroken(w, c.Subject, [.. c.Failed], [.. c.FallenBack], [.. c.RolledBack]);
        }

        private IEnumerable<string> Keys() =>
            _dc.Vnfs.SelectMany(v => v.IsPair ? new[] { $"vnf.{v.Id}", $"active.{v.Id}" } : [$"vnf.{v.Id}"]).Concat(_dc.Clusters.Select(c => $"cluster.{c.Service}"));

        /// <summary>The hosts of the wave before that could roll back into this one, for how long, with the VMs their upgrade
        /// left down on them and the members it stopped (what a rollback takes down again).</summary>
        private Dictionary<HostId, (double Seconds, HashSet<InstanceId> Vms, HashSet<string> Services)> Rollbacks(int w)
        {
            if (w == 0 || _k.Rollbacks == 0) return [];
            var before = _waves[w - 1];
            return before.Upgraded.Where(u => !_waves[w].Out.Contains(u.Host)).ToDictionary(u => u.Host, u => (u.Seconds,
                before.Planned.Where(p => p.Host == u.Host && p.Reason == UnavailableReason.HostDown).Select(p => p.Instance).ToHashSet(),
                before.MembersDown.Where(m => m.Outage.Member == u.Host).Select(m => m.Outage.Service).ToHashSet()));
        }

        private bool IsBroken(int w, string subject, IReadOnlyCollection<HostId> failed, IReadOnlyCollection<InstanceId> fallen, IReadOnlyCollection<HostId> rolled)
        {
            var e = _waves[w];
            var rolledFor = Rollbacks(w);
            var held = !_fragile.Contains(subject.StartsWith("active.", StringComparison.Ordinal) ? "" : subject);
            bool Fails(HostId h) => held && failed.Contains(h);
            var planned = e.Planned.GroupBy(p => p.Instance).ToDictionary(g => g.Key, g => g.Max(p => p.Seconds));
            bool RolledBack(InstanceId i, double budget) =>
                rolled.Contains(e.Placement[i]) && rolledFor.TryGetValue(e.Placement[i], out var r) && r.Seconds > budget && r.Vms.Contains(i);
            var (kind, name) = (subject[..subject.IndexOf('.', StringComparison.Ordinal)], subject[(subject.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            if (kind == "cluster")
            {
                var cluster = _dc.Clusters.Single(c => c.Service == name);
                var down = cluster.Members.Where(m => e.MembersDown.Any(d => d.Outage == new ServiceOutage(cluster.Service, m))).ToHashSet();
                if (down.Count > cluster.Tolerated) return false;
                down.UnionWith(cluster.Members.Where(m => Fails(m) || (rolled.Contains(m) && rolledFor.TryGetValue(m, out var r) && r.Seconds > 0 && r.Services.Contains(cluster.Service))));
                return down.Count > cluster.Tolerated;
            }
            var vnf = _dc.Vnfs.Single(v => v.Id.Name == name);
            var fallbacks = e.Fallbacks.ToDictionary(f => f.Instance);
            if (kind == "active")
            {
                var active = e.Active[vnf.Id];
                return fallen.Contains(active) && fallbacks.TryGetValue(active, out var f) && f.Reason == UnavailableReason.ColdMigration
                    && e.Planned.Any(p => p.Instance == active && p.Reason == UnavailableReason.LiveMigration);
            }
            if (vnf.Tolerated >= 1)
            {
                var down = vnf.Instances.Select(i => i.Id).Where(planned.ContainsKey).ToHashSet();
                if (down.Count > vnf.Tolerated) return false;
                down.UnionWith(vnf.Instances.Select(i => i.Id).Where(i => Fails(e.Placement[i]) || RolledBack(i, 0)));
                return down.Count > vnf.Tolerated;
            }
            var budget = vnf.Availability?.MaxOutageSeconds ?? 0;
            return vnf.Instances.Select(i => i.Id).Any(i =>
                Fails(e.Placement[i])
                || RolledBack(i, budget)
                || (fallen.Contains(i) && fallbacks.TryGetValue(i, out var f) && f.Seconds > budget && !(planned.GetValueOrDefault(i) > budget)));
        }

        private int TopK(IEnumerable<HostId> hosts) => hosts.GroupBy(h => h).Select(g => g.Count()).OrderDescending().Take(_k.HostFailures).Sum();

        /// <summary>Every subset of at most <paramref name="most"/> items, the empty one first.</summary>
        private static IEnumerable<List<T>> Subsets<T>(List<T> items, int most)
        {
            IEnumerable<List<T>> From(int start, List<T> chosen)
            {
                yield return chosen;
                if (chosen.Count == most) yield break;
                for (var i = start; i < items.Count; i++)
                {
                    foreach (var s in From(i + 1, [.. chosen, items[i]])) yield return s;
                }
            }
            return From(0, []);
        }
    }
}
