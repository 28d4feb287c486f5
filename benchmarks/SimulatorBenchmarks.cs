using BenchmarkDotNet.Attributes;
using Escalator.Model.Campaigns;
using Escalator.Model.Generation;
using Escalator.Model.Plans;
using Escalator.Simulator.Runs;

namespace Escalator.Benchmarks;

/// <summary>The simulator on generated data centres: one run of 1,000 hosts and about 20,000 VMs, 1,000 Monte Carlo runs
/// of it on every core, and one run of 20,000 hosts and about 40,000 VMs.</summary>
/// <remarks>Targets: <see cref="Run1000Hosts"/> under 0.2 s; <see cref="MonteCarlo1000Runs"/> under 60 s;
/// <see cref="Run20000Hosts"/> under 5 s; all under 2 GiB. Runs draw durations (10 % spread) but no faults, so every run
/// goes the whole campaign. Generation and expansion are set-up, not measured.</remarks>
[Config(typeof(SlowOperationConfig))]
public class SimulatorBenchmarks
{
    private PlanSimulator _thousand = null!;
    private PlanSimulator _twentyThousand = null!;

    [GlobalSetup(Targets = [nameof(Run1000Hosts), nameof(MonteCarlo1000Runs)])]
    public void SetUpThousand() => _thousand = Simulator(1000, 4300);

    [GlobalSetup(Target = nameof(Run20000Hosts))]
    public void SetUpTwentyThousand() => _twentyThousand = Simulator(20_000, 8600);

    private static PlanSimulator Simulator(int hosts, int vnfs)
    {
        var (dc, generated) = ScenarioGenerator.Generate(hosts, vnfs, 1);
        // A spread of 10 %: with the default 25 %, one of a thousand 12-minute upgrades outlasts its 25-minute timeout in most
        // runs and the campaign rolls back, which measures the rollback rather than the campaign.
        var campaign = generated with { Simulation = generated.Simulation with { Durations = new DurationSpread(DurationDistribution.LogNormal, 0.1) } };
        var plan = PlanExpander.Expand(campaign, dc);
        var simulator = new PlanSimulator(dc, campaign, plan);
        var vms = dc.Vnfs.Sum(v => v.Instances.Length);
        Console.WriteLine($"// {hosts} hosts, {vms} VMs, {plan.Waves.Length} waves, {plan.Waves.Sum(w => w.Steps.Length)} steps");
        return simulator;
    }

    [Benchmark]
    public RunResult Run1000Hosts() => _thousand.Run(1, 1, faults: false);

    [Benchmark]
    public MonteCarloResult MonteCarlo1000Runs() => MonteCarlo.Run(_thousand, new MonteCarloOptions(1000, 1, Faults: false));

    [Benchmark]
    public RunResult Run20000Hosts() => _twentyThousand.Run(1, 1, faults: false);
}
