using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.Simulated;
using Escalator.Model.Plans;
using Escalator.Simulator.Runs;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;

namespace Escalator.Agreement.Tests;

/// <summary>One generated plan through the three engines, and where they disagree (see the Semantics README, "Agreement").</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Solver SAFE ⇒ the expected run (<c>simulate --expected</c>) breaks nothing and puts no VNF over budget (up to its
/// first failure, if a step expires at its expected time), and no VNF is over budget in more than 5 % of the fault-free
/// Monte Carlo runs (the default confidence).</item>
/// <item>Solver UNSAFE ⇒ some violation it names of an invariant the simulator models shows in the simulation (in a wave the
/// expected run performed in full): a breach of its kind or of its subject at its wave (in the expected run or a Monte Carlo
/// run), or the VNF it names over budget. Violations of what the simulator says it does not model (<see cref="NotSimulated"/>)
/// and a redundancy violation made only of moves off different hosts (<see cref="Violation.OnlyIfMovesOverlap"/>) are the solver's alone.</item>
/// <item>Every plan, safe or not (an unsafe one run on the operator's override): the executor on the simulated backend,
/// fault-free at expected durations, performs the simulator's expected run step for step: the same steps and moves per
/// target with the same start and end (virtual time), the same destinations, the same interruptions per instance and the same
/// end — failure paths included (a VM with nowhere to go, a failed host left for an operator, the campaign's rollback). The
/// executor's pre-flight may refuse a plan whose largest wave moves more RAM than the cloud has free, and only one the solver
/// rejects for capacity.</item>
/// </list>
/// </remarks>
internal static class EngineAgreement
{
    /// <summary>Fault-free Monte Carlo runs per plan.</summary>
    public const int Runs = 20;

    /// <summary>Invariants the simulator does not model; its output says so ("not simulated").</summary>
    private static readonly HashSet<string> NotSimulated = [.. PlanSimulator.NotSimulated.SelectMany(n => n.Codes)];

    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The verdict and every disagreement found (empty: the engines agree).</summary>
    public static (bool Safe, IReadOnlyList<string> Disagreements) Check(PlanWorld world)
    {
        var plan = PlanExpander.Expand(world.Campaign, world.Topology);
        var verdict = PlanVerifier.Verify(world.Topology, world.Campaign, plan, new VerifyOptions(TimeSpan.FromSeconds(60)));
        var simulator = new PlanSimulator(world.Topology, world.Campaign, plan);
        var expected = simulator.Run(1, world.Seed, faults: false, trace: true, expected: true);
        var runs = MonteCarlo.Run(simulator, new MonteCarloOptions(Runs, world.Seed, Faults: false, Parallelism: 1));
        var summary = MonteCarloSummary.Of(runs);
        var found = new List<string>();
        if (verdict.IsSafe) found.AddRange(Safe(expected, summary));
        else found.AddRange(Unsafe(verdict, expected, runs, summary));
        found.AddRange(Executed(world, plan, verdict, StepTrace.Of(expected, simulator)));
        return (verdict.IsSafe, found);
    }

    /// <summary>A safe verdict holds in the expected run up to its first failure (a step that expires at its expected time):
    /// what follows a failed host is no longer the plan the solver proved.</summary>
    private static IEnumerable<string> Safe(RunResult expected, MonteCarloSummary summary)
    {
        var reached = StepTrace.WavesBeforeAFailure(expected);
        foreach (var b in expected.Breaches.Where(b => b.Wave <= reached))
        {
            yield return $"solver SAFE, but the expected run breaks {b.Kind} of {b.Subject} in wave {b.Wave}: {b.Message}";
        }
        var whole = expected.Outcome == RunOutcome.Completed && reached == expected.Timeline!.Waves.Count;
        foreach (var (v, outage) in summary.Vnfs.Zip(expected.Vnfs)
            .Where(p => whole && p.First.Budget is { } budget && (p.Second.Seconds > budget || p.Second.Lost > 0)))
        {
            yield return $"solver SAFE, but the expected run puts {v.Vnf.Id} over its budget of {v.Budget:0.###} s: {outage.Seconds:0.###} s";
        }
        foreach (var v in summary.Vnfs.Where(v => v.OverBudgetAtP95))
        {
            yield return $"solver SAFE at p95, but {v.Vnf.Id} is over its budget in {v.OverBudget:P0} of fault-free runs";
        }
    }

    /// <summary>An unsafe verdict is seen when some violation of a modelled invariant shows: a breach of its kind at its wave,
    /// or its subject (a VNF, a cluster, an instance) breached at that wave, or — for a VNF — over its budget in the expected
    /// run or in more than 5 % of runs. Only violations in waves the expected run performed in full count: a run that stops early
    /// (a step that expires at its expected time, then the rollback) never performs the rest of the plan.</summary>
    private static IEnumerable<string> Unsafe(VerificationResult verdict, RunResult expected, MonteCarloResult runs, MonteCarloSummary summary)
    {
        var reached = StepTrace.WavesBeforeAFailure(expected);
        var modelled = verdict.Violations.Where(v => !NotSimulated.Contains(v.Code) && v.Wave <= reached && !v.OnlyIfMovesOverlap).ToList();
        if (modelled.Count == 0) yield break;
        var breaches = expected.Breaches.Concat(runs.Runs.SelectMany(r => r.Breaches)).ToList();
        var over = summary.Vnfs.Zip(expected.Vnfs)
            .Where(p => p.First.OverBudgetAtP95 || p.Second.Lost > 0 || (p.First.Budget is { } b && p.Second.Seconds > b))
            .Select(p => p.First.Vnf.Id.Name).ToHashSet(StringComparer.Ordinal);
        bool Seen(Violation v) =>
            breaches.Any(b => b.Wave == v.Wave && (Kinds(v.Code).Contains(b.Kind) || b.Subject == v.Subject)) || over.Contains(v.Subject);
        if (!modelled.Any(Seen))
        {
            yield return $"solver UNSAFE, but the simulation shows none of it: {string.Join("; ", modelled.Take(4))}";
        }
    }

    /// <summary>The breaches a run shows for a violated invariant (a VM with no spare to go to stays: a capacity breach, or
    /// is lost with its retired host).</summary>
    private static BreachKind[] Kinds(string code) =>
        code == Invariant.Redundancy.Code ? [BreachKind.Redundancy]
        : code == Invariant.Quorum.Code ? [BreachKind.Quorum]
        : code == Invariant.Capacity.Code ? [BreachKind.Capacity]
        : code == Invariant.MoveOnce.Code ? [BreachKind.MoveOnce]
        : code == Invariant.Spares.Code ? [BreachKind.Lost, BreachKind.Capacity]
        : [];

    /// <summary>The executor's fault-free run at expected durations against the simulator's.</summary>
    private static IReadOnlyList<string> Executed(PlanWorld world, Plan plan, VerificationResult verdict, StepTrace simulated)
    {
        var safe = verdict.IsSafe;
        var dir = Directory.CreateTempSubdirectory("escalator-agree-");
        try
        {
            var engine = new SimulatedEngine(Start, world.Seed, faults: false, expected: true);
            using var journal = CampaignJournal.Open(Path.Combine(dir.FullName, "journal.db"), engine.Time, syncToDisk: false);
            var events = new List<ExecutionEvent>();
            var request = new ExecutionRequest(world.Campaign.Name, world.Campaign, world.Topology, plan, PlanJson.Write(plan),
                new SafetyCheck(safe, safe ? "safe" : "unsafe", Override: !safe));
            var result = engine.Execute(request, journal, new ExecutionOptions("agreement:1", TimeSpan.FromHours(1)), events.Add, CancellationToken.None);
            // The executor's pre-flight refuses a plan whose largest wave moves more RAM than the cloud has free: the solver
            // must have rejected it for capacity (the simulator, which has no pre-flight, shows that breach: see Unsafe).
            if (result.Refused)
            {
                return verdict.Violations.Any(v => v.Code == Invariant.Capacity.Code) ? [] : [$"the executor refused the plan: {result.Refusal}"];
            }
            var backend = engine.Backend!;
            var initial = world.Topology.Vnfs.SelectMany(v => v.Instances).ToDictionary(i => i.Id.Name, i => i.Host.Name, StringComparer.Ordinal);
            var placement = initial.Keys.ToDictionary(vm => vm, vm => backend.HostOf(vm).Name, StringComparer.Ordinal);
            var executed = StepTrace.Of(events, Start, plan, placement, backend.Downtime);
            var differences = executed.Differences(simulated, initial);
            return [.. differences.Select(d => $"executor ≠ simulator: {d}"),
                .. differences.Count == 0 ? [] : events.Where(e => e.Code is not null).Take(5).Select(e => $"  executor: wave {e.Wave} {e.Target} {e.Action} {e.Outcome}: {e.Message}")];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
