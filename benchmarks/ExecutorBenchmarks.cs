using BenchmarkDotNet.Attributes;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.Simulated;
using Escalator.Model.Campaigns;
using Escalator.Model.Generation;
using Escalator.Model.Plans;
using Escalator.Simulator.Engine;

namespace Escalator.Benchmarks;

/// <summary>The executor on the simulated backend in virtual time: all the wall time is the executor's own (journal,
/// policies, events) and the simulated backend's bookkeeping, since the cloud's time is virtual.</summary>
/// <remarks>Targets: <see cref="Campaign1000Hosts"/> (the generated 1,000-host, ~20,000-VM campaign, every step journaled
/// to an SQLite file) under 10 s; per step (the time divided by the steps it prints) under 20 ms. Durations spread 10 %
/// and no faults, so the whole campaign runs; generation, expansion and the plan's JSON are set-up, not measured.</remarks>
[Config(typeof(SlowOperationConfig))]
public class ExecutorBenchmarks
{
    private ExecutionRequest _request = null!;
    private string _dir = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var (dc, generated) = ScenarioGenerator.Generate(1000, 4300, 1);
        var campaign = generated with { Simulation = generated.Simulation with { Durations = new DurationSpread(DurationDistribution.LogNormal, 0.1) } };
        var plan = PlanExpander.Expand(campaign, dc);
        // The generated campaign is not proved safe (live-migration pauses of n+m VNFs): an override, as an operator would give.
        _request = new ExecutionRequest(campaign.Name, campaign, dc, plan, PlanJson.Write(plan), new SafetyCheck(false, "benchmark", Override: true));
        _dir = Directory.CreateTempSubdirectory("escalator-bench-").FullName;
        Console.WriteLine($"// {dc.Hosts.Length} hosts, {dc.Vnfs.Sum(v => v.Instances.Length)} VMs, {plan.Waves.Length} waves, {plan.Waves.Sum(w => w.Steps.Length)} steps");
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public ExecutionResult Campaign1000Hosts() => Run(_request, syncToDisk: false);

    /// <summary>The same campaign with every commit synced to disk, as on a real cloud.</summary>
    [Benchmark]
    public ExecutionResult Campaign1000HostsSynced() => Run(_request, syncToDisk: true);

    private ExecutionResult Run(ExecutionRequest request, bool syncToDisk)
    {
        var simulation = new Simulation();
        var backend = new SimulatedBackend(request.Topology, request.Campaign, simulation, 1, faults: false);
        var vnfm = new SimulatedVnfm(request.Topology, request.Campaign, simulation, 1, faults: false);
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.db");
        using var journal = CampaignJournal.Open(path, simulation.Time, syncToDisk);
        var executor = new Executor(backend, journal, vnfm, request, new ExecutionOptions("bench", TimeSpan.FromMinutes(10)));
        var result = VirtualTimeLoop.Run(simulation, () => executor.RunAsync());
        if (result.State != RunState.Completed) throw new InvalidOperationException($"the campaign did not complete: {result.State} {result.Refusal} {string.Join("; ", result.Failures)}");
        return result;
    }
}
