using Escalator.Model.Campaigns;
using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    /// <summary>A VM that must leave a host of the wave, the modes it tries (<see cref="MoveRule.Chain"/>), and where the
    /// plan sends it (null: nowhere).</summary>
    /// <remarks>Each instance is one mover in a wave: movers are told apart by instance alone (the record's own equality
    /// would hash the whole VNF at every look-up).</remarks>
    private sealed record Mover(InstanceId Id, Vnf Vnf, HostId From, ImmutableArray<MigrationMode> Chain, HostId? Planned)
    {
        public bool Equals(Mover? other) => other is not null && Id == other.Id;

        public override int GetHashCode() => Id.GetHashCode();
    }

    /// <summary>ESC-C1 (ESC-U1 for a parallel universe's moves) and ESC-C2: every mover gets a destination in service
    /// in its site with room and away from its siblings. The plan's destinations are kept where valid; the rest go where
    /// the scheduler sends them, or where Z3 finds room among every usable host when the scheduler, one VM at a time,
    /// does not. Returns each mover with where it went (null: it stays, stranded).</summary>
    private List<(Mover Mover, HostId? To)> PlaceMovers(WaveContext w, List<Mover> movers)
    {
        if (movers.Count == 0) return [];
        var moveOnce = _campaign.MoveOnce;
        var universe = w.Wave.MovesOnto.IsEmpty ? null : w.Wave.MovesOnto.ToHashSet();
        var view = new View(this, Maintenance.HostsOut(w.Wave).ToHashSet(), universe);
        bool Usable(Mover m) => m.Planned is { } p && _scheduler.CanTake(view, m.Id, p, moveOnce: false);
        var bad = InvalidPlanned(movers, moveOnce, Usable);
        string Choice(Mover m, HostId h) => Var("mv", m.Id, $"w{w.Number}", h);
        var found = bad.Count == 0 ? movers.ToDictionary(m => m, m => m.Planned!.Value) : Destinations(view, movers, bad, moveOnce, Usable, Choice);
        // Destinations found are the witness: room and anti-affinity hold by construction (the plan's are kept only where
        // they stand together, the rest chosen beside them, each rule at least as strict as the constraint), so the
        // capacity check is true and move-once is whether one went onto a host still waiting. Where none were found,
        // Z3 refutes over every usable host of the movers that need one.
        Formula capacity, once;
        if (found is not null)
        {
            capacity = Formula.True;
            once = movers.Any(m => _pending.Contains(found[m])) ? Formula.False : Formula.True;
        }
        else
        {
            var candidates = movers.ToDictionary(m => m, m => bad.Contains(m) ? [.. _scheduler.Candidates(view, m.Id, moveOnce: false)] : new List<HostId> { m.Planned!.Value });
            capacity = CapacityConstraint(movers, candidates, Choice);
            once = Once(movers, candidates, Choice);
        }
        foreach (var m in movers)
        {
            if (found?[m] is { } to && to != m.Planned) Redirects.Add(new Redirect(w.Number, m.Id, m.Vnf.Id, m.From, m.Planned, to));
        }

        var code = universe is null ? Invariant.Capacity.Code : Invariant.Spares.Code;
        _problem.Check(code, capacity, () => CapacityViolation(w, code, [.. bad], view with { Out = [] }));
        if (moveOnce)
        {
            _problem.Check(Invariant.MoveOnce.Code, once, () => new Violation(Invariant.MoveOnce.Code, w.Number, w.Stage.Name,
                $"{List(bad.Select(m => $"{m.Id} ({m.Vnf.Id})"))} can leave {List(bad.Select(m => m.From.Name).Distinct())} only onto hosts still waiting for their upgrade; the procedure moves each VM once",
                w.StepPath(w.Evacuate!)), phase: 1);
        }
        var placed = movers.Select(m => (m, found is not null ? found[m] : bad.Contains(m) ? null : m.Planned)).ToList();
        foreach (var (m, to) in placed)
        {
            if (to is { } dest) MoveTo(m.Id, dest);
        }
        return placed;
    }

    /// <summary>Where every mover goes, some of them (<paramref name="bad"/>) not where the plan sends them; null when no
    /// destinations were found. Under move-once onto settled hosts if that can be, else anywhere. Destinations are first
    /// chosen one VM after another as Nova's scheduler would (<see cref="Greedy"/>), a witness found in time linear in the
    /// movers; only where that leaves a VM without a host does Z3 search every usable host (complete, but growing with
    /// movers times hosts). Under move-once a mover whose every usable host still waits proves without Z3 that no settled
    /// destination exists; the plan's destinations onto hosts still waiting then stand where they are otherwise valid.</summary>
    private Dictionary<Mover, HostId>? Destinations(View view, List<Mover> movers, HashSet<Mover> bad, bool moveOnce, Func<Mover, bool> usable,
        Func<Mover, HostId, string> choice)
    {
        Dictionary<Mover, HostId>? Keep(Dictionary<Mover, HostId>? redirected) =>
            redirected is null ? null : movers.ToDictionary(m => m, m => redirected.TryGetValue(m, out var to) ? to : m.Planned!.Value);

        Dictionary<Mover, HostId>? Search(bool once)
        {
            var candidates = movers.ToDictionary(m => m, m => bad.Contains(m) ? [.. _scheduler.Candidates(view, m.Id, moveOnce: false)] : new List<HostId> { m.Planned!.Value });
            var names = bad.SelectMany(m => candidates[m].Select(h => choice(m, h))).ToList();
            var model = ProblemSolver.Model([CapacityConstraint(movers, candidates, choice), .. once ? [Once(movers, candidates, choice)] : Array.Empty<Formula>()], names, _options.Timeout);
            if (model is null) return null;
            return bad.ToDictionary(m => m, m => candidates[m].First(h => model.Contains(choice(m, h))));
        }

        if (moveOnce)
        {
            var settled = bad.Select(m => _index.Host(m.From).Site).Distinct(StringComparer.Ordinal)
                .ToDictionary(s => s, s => _index.ComputesIn(s).Where(h => !_pending.Contains(h.Id)).ToList(), StringComparer.Ordinal);
            var possible = bad.All(m => _scheduler.Candidates(view, m.Id, moveOnce: true, settled[_index.Host(m.From).Site]).Any());
            if (possible && (Greedy(view, movers, bad, moveOnce: true) ?? Search(once: true)) is { } onceFound) return Keep(onceFound);
            if (Greedy(view, movers, InvalidPlanned(movers, moveOnce: false, usable), moveOnce: false) is { } anywhere) return Keep(anywhere);
        }
        return Keep(Greedy(view, movers, bad, moveOnce: false) ?? Search(once: false));
    }

    /// <summary>Move-once: no mover onto a host still waiting for its upgrade.</summary>
    private Formula Once(List<Mover> movers, Dictionary<Mover, List<HostId>> candidates, Func<Mover, HostId, string> choice) =>
        Formula.And(movers.SelectMany(m => candidates[m].Where(_pending.Contains).Select(h => Formula.Not(Formula.Var(choice(m, h))))));

    /// <summary>Destinations for the movers whose planned one cannot stand, chosen one after another as Nova's scheduler
    /// would (<see cref="Scheduler.Choose"/>) beside what the other movers bring and the domains they hold; null when that
    /// leaves one without a host (Z3 then searches).</summary>
    private Dictionary<Mover, HostId>? Greedy(View view, List<Mover> movers, HashSet<Mover> bad, bool moveOnce)
    {
        var arrivals = new Arrivals(this, view);
        foreach (var m in movers.Where(m => !bad.Contains(m))) arrivals.Add(m.Id, m.Planned!.Value);
        var chosen = new Dictionary<Mover, HostId>();
        foreach (var m in movers.Where(bad.Contains))
        {
            if (_scheduler.Choose(arrivals, m.Id, moveOnce) is not { } to) return null;
            arrivals.Add(m.Id, to);
            chosen[m] = to;
        }
        return chosen;
    }

    /// <summary>A wave's view with the movers given a destination so far on their way: their loads on it, and each holding
    /// its source's and its destination's domains.</summary>
    private sealed class Arrivals(PlanReplay replay, View view) : IPlacementView
    {
        private readonly Dictionary<HostId, Load> _load = [];
        private readonly Dictionary<InstanceId, HostId> _to = [];

        public void Add(InstanceId id, HostId to)
        {
            _to[id] = to;
            _load[to] = _load.GetValueOrDefault(to) + replay.FlavorLoad(id);
        }

        public HostId HostOf(InstanceId instance) => view.HostOf(instance);

        public IEnumerable<HostId> Occupies(InstanceId instance) =>
            _to.TryGetValue(instance, out var to) ? [view.HostOf(instance), to] : [view.HostOf(instance)];

        public bool Accepts(HostId host) => view.Accepts(host);

        public bool Pending(HostId host) => view.Pending(host);

        public bool HasRoom(InstanceId instance, HostId host) => replay.FlavorLoad(instance).FitsIn(Free(host));

        public double FreeRamGiB(HostId host) => Free(host).RamMiB / 1024.0;

        private Load Free(HostId host) => replay.FreeOn(host) - _load.GetValueOrDefault(host);
    }

    /// <summary>The movers whose planned destination cannot stand: none, unusable, against move-once, over a host's
    /// capacity together with the others, or in a domain that already holds a sibling.</summary>
    private HashSet<Mover> InvalidPlanned(List<Mover> movers, bool moveOnce, Func<Mover, bool> usable)
    {
        var bad = movers.Where(m => !usable(m) || (moveOnce && _pending.Contains(m.Planned!.Value))).ToHashSet();
        foreach (var group in movers.Where(m => !bad.Contains(m)).GroupBy(m => m.Planned!.Value))
        {
            var arriving = group.Aggregate(default(Load), (sum, m) => sum + FlavorLoad(m.Id));
            if (!arriving.FitsIn(FreeOn(group.Key))) bad.UnionWith(group);
        }
        foreach (var group in movers.Where(m => !bad.Contains(m) && m.Vnf.AntiAffinity != AntiAffinity.None).GroupBy(m => m.Vnf.Id))
        {
            // Steps overlap in any order, so a sibling leaving in this wave may still be in its domain when this VM lands.
            var vnf = group.First().Vnf;
            var taken = vnf.Instances.Select(i => DomainOf(vnf, _hostOf[i.Id])!).ToList();
            foreach (var clash in group.GroupBy(m => DomainOf(vnf, m.Planned!.Value)!)
                .Where(g => g.Count() + taken.Count(t => t == g.Key) - g.Count(m => DomainOf(vnf, m.From) == g.Key) > 1))
            {
                bad.UnionWith(clash);
            }
        }
        return bad;
    }

    /// <summary>Each mover on exactly one candidate; no candidate over its free vCPU, RAM or disk; at most one instance
    /// of a VNF with anti-affinity per domain.</summary>
    private Formula CapacityConstraint(List<Mover> movers, Dictionary<Mover, List<HostId>> candidates, Func<Mover, HostId, string> choice)
    {
        var parts = new List<Formula>();
        foreach (var m in movers)
        {
            var vars = candidates[m].Select(h => Formula.Var(choice(m, h))).ToList();
            parts.Add(Formula.AtLeast(vars, 1));
            parts.Add(Formula.AtMost(vars, 1));
        }
        foreach (var group in movers.SelectMany(m => candidates[m].Select(h => (m, h))).GroupBy(p => p.h))
        {
            var free = FreeOn(group.Key);
            var terms = group.Select(p => (Formula.Var(choice(p.m, p.h)), FlavorLoad(p.m.Id))).ToList();
            parts.Add(Formula.AtMost([.. terms.Select(t => (t.Item1, (int)t.Item2.Vcpu))], Bound(free.Vcpu)));
            parts.Add(Formula.AtMost([.. terms.Select(t => (t.Item1, (int)t.Item2.RamMiB))], Bound(free.RamMiB)));
            parts.Add(Formula.AtMost([.. terms.Select(t => (t.Item1, (int)t.Item2.DiskMiB))], Bound(free.DiskMiB)));
        }
        var moving = movers.Select(m => m.Id).ToHashSet();
        foreach (var group in movers.Where(m => m.Vnf.AntiAffinity != AntiAffinity.None).GroupBy(m => m.Vnf.Id))
        {
            var vnf = group.First().Vnf;
            var taken = vnf.Instances.Where(i => !moving.Contains(i.Id)).Select(i => DomainOf(vnf, _hostOf[i.Id])!).ToList();
            foreach (var domain in group.SelectMany(m => candidates[m].Select(h => (m, h))).GroupBy(p => DomainOf(vnf, p.h)!))
            {
                parts.Add(Formula.AtMost(domain.Select(p => Formula.Var(choice(p.m, p.h))), Math.Max(0, 1 - taken.Count(t => t == domain.Key))));
            }
        }
        return Formula.And(parts);
    }

    private static int Bound(long free) => (int)Math.Clamp(free, -1, int.MaxValue / 2);

    private Violation CapacityViolation(WaveContext w, string code, List<Mover> stranded, View anyWave)
    {
        var from = List(stranded.Select(m => m.From.Name).Distinct());
        var site = stranded.Count > 0 ? _index.Host(stranded[0].From).Site : "";
        var where = code == Invariant.Spares.Code ? "the new universe's hosts" : $"the hosts in service of site {site}";
        var each = stranded.Take(3).Select(m =>
        {
            var f = _index.Instance(m.Id).Flavor;
            var away = m.Vnf.AntiAffinity == AntiAffinity.None ? "" : $" away from its other instances ({m.Vnf.AntiAffinity.ToString().ToLowerInvariant()} anti-affinity)";
            return $"{m.Id} ({m.Vnf.Id}: {f.Vcpu} vCPU, {f.RamGiB:0.#} GiB RAM, {f.DiskGiB:0.#} GiB disk){away}";
        });
        var listed = stranded.Count > 3 ? $"{string.Join(", ", each)} and {stranded.Count - 3} more" : List(each);
        var message = $"{stranded.Count} VM(s) must leave {from}; {where} have no room for {listed}";
        var hopeless = stranded.FirstOrDefault(m => !_scheduler.Candidates(anyWave, m.Id, moveOnce: false).Any());
        if (hopeless is not null)
        {
            var others = code == Invariant.Spares.Code ? "the new universe has no" : $"no other host of site {site} has";
            message += $"; no safe plan: {others} room for {hopeless.Id}{(hopeless.Vnf.AntiAffinity == AntiAffinity.None ? "" : " away from its other instances")}, whatever the waves";
        }
        return new Violation(code, w.Number, stranded.Count > 0 ? stranded[0].Vnf.Id.Name : w.Stage.Name, message, w.StrategyPath, hopeless is not null);
    }
}
