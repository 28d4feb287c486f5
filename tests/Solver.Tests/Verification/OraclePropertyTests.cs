using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Tests.Verification;

/// <summary>The verifier against <see cref="BruteForceOracle"/> on small generated worlds, for the expanded plan and for
/// the same hosts cut into random waves.</summary>
public sealed class OraclePropertyTests
{
    private const int Cases = 200;

    private static readonly VerifyOptions Options = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void Verify_SmallWorlds_AgreesWithTheBruteForceOracle()
    {
        var tally = new Tally();

        Properties.Check(Cases, seed =>
        {
            var world = SmallWorlds.Build(seed, gentle: seed % 2 == 0);
            foreach (var plan in Plans(world)) Compare(world, plan, tally);
        });

        // The generator must reach both verdicts and every code the oracle judges, and rarely be too wide to judge.
        Assert.True(tally.Safe > Cases / 10 && tally.Unsafe > Cases / 10, tally.ToString());
        Assert.All(new[] { "ESC-R1", "ESC-R2", "ESC-Q1", "ESC-C1", "ESC-F1" }, c => Assert.True(tally.Codes.GetValueOrDefault(c) > 5, tally.ToString()));
        Assert.True(tally.Truncated < Cases / 20, tally.ToString());
    }

    /// <summary>The expanded plan, and the stage's hosts shuffled and cut into waves of 1–3 (seeded by the world).</summary>
    private static IEnumerable<Plan> Plans(SmallWorld world)
    {
        yield return PlanExpander.Expand(world.Campaign, world.Topology);
        var random = new Random(world.Seed ^ 0x5EED);
        var target = world.Campaign.Targets["host-os"];
        var hosts = world.Topology.Hosts.Where(h => h.Software["host-os"] < target).Select(h => h.Id).OrderBy(_ => random.Next()).ToList();
        var waves = new List<IReadOnlyList<HostId>>();
        for (var i = 0; i < hosts.Count;)
        {
            var size = Math.Min(random.Next(1, 4), hosts.Count - i);
            waves.Add(hosts.GetRange(i, size));
            i += size;
        }
        yield return PlanExpander.Expand(world.Campaign, world.Topology, new Dictionary<string, IReadOnlyList<IReadOnlyList<HostId>>> { ["computes"] = waves });
    }

    private static void Compare(SmallWorld world, Plan plan, Tally tally)
    {
        var result = PlanVerifier.Verify(world.Topology, world.Campaign, plan, Options);
        var judgement = BruteForceOracle.Judge(world.Topology, world.Campaign, plan);

        Assert.IsNotType<Verdict.Unknown>(result.Verdict);
        var codes = result.Violations.Select(v => v.Code).Distinct().ToImmutableArray();
        tally.Add(result.IsSafe, codes, judgement);
        if (judgement.Truncated) return;
        Assert.True(judgement.Outcomes.Contains(OracleJudgement.Key(codes)), $"""
            {world}
            waves: {string.Join(" ", plan.Waves.Select(w => $"[{string.Join(",", w.Hosts)}]"))}
            moves: {string.Join(" ", plan.Waves.SelectMany(w => w.Steps.SelectMany(s => s.Moves).Select(m => $"w{w.Number}:{m.Instance}->{m.To}")))}
            solver: {(result.IsSafe ? "safe" : string.Join("\n  ", result.Violations))}
            redirects: {string.Join(" ", result.Redirects)}
            oracle: {string.Join(" | ", judgement.Outcomes.Select(o => o.Length == 0 ? "safe" : o))}
            """);
    }

    /// <summary>What the cases covered, so that a property that never meets a violation cannot pass unnoticed.</summary>
    private sealed class Tally
    {
        public int Safe { get; private set; }

        public int Unsafe { get; private set; }

        public int Truncated { get; private set; }

        public int Ambiguous { get; private set; }

        public Dictionary<string, int> Codes { get; } = [];

        public void Add(bool safe, IEnumerable<string> codes, OracleJudgement judgement)
        {
            if (safe) Safe++;
            else Unsafe++;
            foreach (var c in codes) Codes[c] = Codes.GetValueOrDefault(c) + 1;
            if (judgement.Truncated) Truncated++;
            if (judgement.Outcomes.Count > 1) Ambiguous++;
        }

        public override string ToString() =>
            $"safe {Safe}, unsafe {Unsafe}, truncated {Truncated}, ambiguous {Ambiguous}, codes {string.Join(", ", Codes.Select(p => $"{p.Key} {p.Value}"))}";
    }
}
