using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    /// <summary>A VM that must leave a host of the wave, how, and where the plan sends it (null: nowhere).</summary>
    private sealed record Mover(InstanceId Id, Vnf Vnf, HostId From, MigrationMode Mode, HostId? Planned);

    /// <summary>ESC-C1 (ESC-U1 for a parallel universe's moves) and ESC-C2: every mover gets a destination in service
    /// in its site with room and away from its siblings. The plan's destinations are kept where valid; for the rest Z3
    /// chooses among every usable host. Returns each mover with where it went (null: it stays, stranded).</summary>
    private List<(Mover Mover, HostId? To)> PlaceMovers(WaveContext w, List<Mover> movers)
    {
        if (movers.Count == 0) return [];
        var evacuate = w.Evacuate!;
        var outHosts = w.Wave.Hosts.ToHashSet();
        var universe = w.Stage.Strategy is ParallelUniverseStrategy u && w.Wave.Kind == WaveKind.Move
            ? Dc.Hosts.Where(u.Spares.Matches).Select(h => h.Id).ToHashSet()
            : null;
        bool Usable(Host h, Mover m, bool ignoreWave) => h.Id != m.From && (ignoreWave || !outHosts.Contains(h.Id))
            && !_retired.Contains(h.Id) && !_unbuilt.Contains(h.Id) && (universe is null || universe.Contains(h.Id));

        var bad = InvalidPlanned(movers, evacuate.MoveOnce, m => m.Planned is { } p && _index.Host(p).Site == _index.Host(m.From).Site
            && _index.Host(p).Roles.HasFlag(HostRoles.Compute) && Usable(_index.Host(p), m, ignoreWave: false));
        var candidates = movers.ToDictionary(m => m, m => bad.Contains(m) ? Candidates(m, h => Usable(h, m, false)) : [m.Planned!.Value]);
        string Choice(Mover m, HostId h) => Var("mv", m.Id, $"w{w.Number}", h);
        var capacity = CapacityConstraint(movers, candidates, Choice);
        var pendingChoices = movers.SelectMany(m => candidates[m].Where(_pending.Contains).Select(h => Choice(m, h))).ToList();
        var once = Formula.And(pendingChoices.Select(n => Formula.Not(Formula.Var(n))));

        var chosen = movers.ToDictionary(m => m, m => bad.Contains(m) ? null : m.Planned);
        if (bad.Count > 0)
        {
            var names = bad.SelectMany(m => candidates[m].Select(h => Choice(m, h))).ToList();
            var model = (evacuate.MoveOnce ? ProblemSolver.Model([capacity, once], names, _options.Timeout) : null)
                ?? ProblemSolver.Model([capacity], names, _options.Timeout);
            foreach (var m in bad)
            {
                chosen[m] = model is null ? null : candidates[m].Cast<HostId?>().FirstOrDefault(h => model.Contains(Choice(m, h!.Value)));
                if (chosen[m] is { } to) Redirects.Add(new Redirect(w.Number, m.Id, m.Vnf.Id, m.From, m.Planned, to));
            }
        }

        var code = universe is null ? Invariant.Capacity.Code : Invariant.Spares.Code;
        _problem.Check(code, capacity, () => CapacityViolation(w, code, [.. bad], h => Usable(h, bad.First(), true)));
        if (evacuate.MoveOnce)
        {
            _problem.Check(Invariant.MoveOnce.Code, once, () => new Violation(Invariant.MoveOnce.Code, w.Number, w.Stage.Name,
                $"{List(bad.Select(m => $"{m.Id} ({m.Vnf.Id})"))} can leave {List(bad.Select(m => m.From.Name).Distinct())} only onto hosts still waiting for their upgrade; the procedure moves each VM once",
                w.StepPath(evacuate)), phase: 1);
        }
        foreach (var (m, to) in chosen)
        {
            if (to is { } dest) MoveTo(m.Id, dest);
        }
        return [.. chosen.Select(p => (p.Key, p.Value))];
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

    /// <summary>Hosts of the mover's site that are usable, have room for it now and hold none of its staying siblings' domains.</summary>
    private List<HostId> Candidates(Mover m, Func<Host, bool> usable)
    {
        var need = FlavorLoad(m.Id);
        var blocked = m.Vnf.AntiAffinity == AntiAffinity.None ? [] : m.Vnf.Instances.Where(i => i.Id != m.Id)
            .Select(i => DomainOf(m.Vnf, _hostOf[i.Id])!).ToHashSet(StringComparer.Ordinal);
        var site = _index.Host(m.From).Site;
        return [.. (_computesBySite.GetValueOrDefault(site) ?? []).Where(h => usable(h) && need.FitsIn(FreeOn(h.Id))
            && (blocked.Count == 0 || !blocked.Contains(DomainOf(m.Vnf, h.Id)!))).Select(h => h.Id)];
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

    private Violation CapacityViolation(WaveContext w, string code, List<Mover> stranded, Func<Host, bool> usableIgnoringWave)
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
        var hopeless = stranded.FirstOrDefault(m => Candidates(m, usableIgnoringWave).Count == 0);
        if (hopeless is not null)
        {
            var others = code == Invariant.Spares.Code ? "the new universe has no" : $"no other host of site {site} has";
            message += $"; no safe plan: {others} room for {hopeless.Id}{(hopeless.Vnf.AntiAffinity == AntiAffinity.None ? "" : " away from its other instances")}, whatever the waves";
        }
        return new Violation(code, w.Number, stranded.Count > 0 ? stranded[0].Vnf.Id.Name : w.Stage.Name, message, w.StrategyPath, hopeless is not null);
    }
}
