using Escalator.Model.Plans;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.Tests.Runs;

public sealed class ScenarioRunTests
{
    [Theory]
    [InlineData("ha/rolling-computes.yaml")]
    [InlineData("ha/canary.yaml")]
    [InlineData("ha/control-plane.yaml")]
    [InlineData("minimal/rolling-computes.yaml")]
    [InlineData("multisite/site-by-site.yaml")]
    [InlineData("universe/parallel-universe.yaml")]
    public void Run_SafeScenarioWithoutFaults_CompletesWithoutBreach(string scenario)
    {
        var (dc, campaign) = Repo.Scenario(scenario);
        var plan = PlanExpander.Expand(campaign, dc);
        var simulator = new PlanSimulator(dc, campaign, plan);

        var result = simulator.Run(1, 42, faults: false, trace: true);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Empty(result.Breaches);
        Assert.True(result.DurationSeconds > 0);
        Assert.Equal(plan.Waves.Length, result.Timeline!.Waves.Count);
    }
}
