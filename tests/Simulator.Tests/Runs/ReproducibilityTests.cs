using Escalator.Model.Plans;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.Tests.Runs;

public sealed class ReproducibilityTests
{
    private static readonly PlanSimulator Ha = Simulator("ha/rolling-computes.yaml");

    private static PlanSimulator Simulator(string scenario)
    {
        var (dc, campaign) = Repo.Scenario(scenario);
        var plan = PlanExpander.Expand(campaign, dc);
        return new PlanSimulator(dc, campaign, plan);
    }

    [Fact]
    public void Run_SameSeed_SameMeasures()
    {
        var first = Ha.Run(1, 1234);
        var second = Ha.Run(1, 1234);

        Assert.Equal(first.DurationSeconds, second.DurationSeconds);
        Assert.Equal(first.Vnfs, second.Vnfs);
        Assert.Equal(first.InstanceDowntime, second.InstanceDowntime);
        Assert.Equal(first.Outcome, second.Outcome);
    }

    [Fact]
    public void Run_OtherSeed_OtherDuration()
    {
        Assert.NotEqual(Ha.Run(1, 1).DurationSeconds, Ha.Run(1, 2).DurationSeconds);
    }

    [Fact]
    public void Run_Traced_SameMeasuresAsUntraced()
    {
        var plain = Ha.Run(1, 99);
        var traced = Ha.Run(1, 99, trace: true);

        Assert.Equal(plain.DurationSeconds, traced.DurationSeconds);
        Assert.Equal(plain.Vnfs, traced.Vnfs);
        Assert.NotEmpty(traced.Timeline!.Entries);
    }

    [Fact]
    public void MonteCarlo_OneCoreOrFour_IdenticalResults()
    {
        var one = MonteCarlo.Run(Ha, new MonteCarloOptions(150, 5, Parallelism: 1));
        var four = MonteCarlo.Run(Ha, new MonteCarloOptions(150, 5, Parallelism: 4));

        Assert.Equal(one.Runs.Select(r => (r.Seed, r.DurationSeconds, r.Outcome)), four.Runs.Select(r => (r.Seed, r.DurationSeconds, r.Outcome)));
        Assert.Equal(one.Runs.SelectMany(r => r.Vnfs), four.Runs.SelectMany(r => r.Vnfs));
        Assert.Equal(one.InstanceDowntimeMean, four.InstanceDowntimeMean);
        Assert.Equal(one.Typical.Run, four.Typical.Run);
        Assert.Equal(MonteCarloSummary.Of(one).Duration, MonteCarloSummary.Of(four).Duration);
    }

    [Fact]
    public void RunSeeds_NeighbouringRuns_DifferentSeeds()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(i => RunSeeds.For(1, i)).ToHashSet();

        Assert.Equal(10_000, seeds.Count);
        Assert.NotEqual(RunSeeds.For(1, 0), RunSeeds.For(2, 0));
    }

    [Fact]
    public void Summary_KnownSample_MeanPercentilesAndInterval()
    {
        var s = Summary.Of([.. Enumerable.Range(1, 100).Select(i => (double)i)]);

        Assert.Equal(50.5, s.Mean, 1e-9);
        Assert.Equal(50.5, s.P50, 1e-9);
        Assert.Equal(95.05, s.P95, 1e-9);
        Assert.Equal(29.011, s.Sd, 1e-3);
        // t(0.975, 99) = 1.984: 50.5 ± 1.984 · 29.011 / 10.
        Assert.Equal(44.74, s.CiLow, 1e-2);
        Assert.Equal(56.26, s.CiHigh, 1e-2);
    }
}
