using Escalator.Model.Topology;
using Escalator.Solver.Synthesis;
using Escalator.Solver.Tests.Verification;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Tests.Synthesis;

/// <summary><c>plan --optimize --tolerate K</c>: the synthesised plan keeps the margin the data centre has at rest.</summary>
public sealed class ResilientSynthesisTests
{
    /// <summary>pool runs on cmp-1 to cmp-4 and needs 2 of its 4 instances: it survives one host failing at rest. The
    /// upgrade takes each host down, two hosts a wave at most.</summary>
    private static (DataCentre, Model.Campaigns.Campaign) World()
    {
        var dc = Lab.Topology("""
              - {name: pool, flavor: {vcpu: 1, ramGiB: 2}, redundancy: {model: n+m, minActive: 2}, migration: none,
                 instances: [{name: p-1, host: cmp-1}, {name: p-2, host: cmp-2}, {name: p-3, host: cmp-3}, {name: p-4, host: cmp-4}]}
            """);
        return (dc, Lab.Computes(dc, "{maxUnavailable: 2}", Lab.Upgrade));
    }

    private static readonly Model.Semantics.Resilience OneHostFailure = new(1, 0, 0);

    [Fact]
    public void Synthesize_TolerateOneHostFailure_KeepsOnePoolHostPerWave()
    {
        var (dc, campaign) = World();

        var fastest = PlanSynthesizer.Synthesize(dc, campaign, new SynthesisOptions(TimeSpan.FromSeconds(30)));
        var resilient = PlanSynthesizer.Synthesize(dc, campaign, new SynthesisOptions(TimeSpan.FromSeconds(30), Resilience: OneHostFailure));

        // Without the margin the fastest plan upgrades two of pool's hosts together, which one failure more breaks.
        Assert.True(fastest.Verification!.IsSafe);
        Assert.False(PlanVerifier.Verify(dc, campaign, fastest.Plan!, new VerifyOptions(TimeSpan.FromSeconds(30), Resilience: OneHostFailure)).IsSafe);
        Assert.True(resilient.Verification!.IsSafe, string.Join("\n", resilient.Verification.Violations.Select(v => v.Message)));
        Assert.Equal(OneHostFailure, resilient.Verification.Tolerated);
        var pool = new[] { "cmp-1", "cmp-2", "cmp-3", "cmp-4" };
        Assert.All(resilient.Plan!.Waves, w => Assert.True(w.Hosts.Count(h => pool.Contains(h.Name)) <= 1, $"wave {w.Number}: {string.Join(", ", w.Hosts)}"));
        Assert.True(resilient.Plan.ExpectedSeconds > fastest.Plan!.ExpectedSeconds);
    }
}
