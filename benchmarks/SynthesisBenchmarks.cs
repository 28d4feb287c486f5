using BenchmarkDotNet.Attributes;
using Escalator.Model.Campaigns;
using Escalator.Model.Generation;
using Escalator.Model.Topology;
using Escalator.Solver.Synthesis;

namespace Escalator.Benchmarks;

/// <summary>Plan synthesis through its public API on generated data centres of 1,000 and 5,000 hosts (as many VNFs as
/// hosts, seed 1), with a 60 s search budget.</summary>
/// <remarks>Targets: <see cref="Generated1000"/> under 10 s, <see cref="Generated5000"/> under 60 s.</remarks>
[Config(typeof(SlowOperationConfig))]
public class SynthesisBenchmarks
{
    private const int Seed = 1;
    private static readonly SynthesisOptions Options = new(TimeSpan.FromSeconds(60));

    private DataCentre _dc = null!;
    private Campaign _campaign = null!;

    [GlobalSetup(Target = nameof(Generated1000))]
    public void SetUp1000() => (_dc, _campaign) = ScenarioGenerator.Generate(hosts: 1000, vnfs: 1000, Seed);

    [GlobalSetup(Target = nameof(Generated5000))]
    public void SetUp5000() => (_dc, _campaign) = ScenarioGenerator.Generate(hosts: 5000, vnfs: 5000, Seed);

    [Benchmark]
    public SynthesisResult Generated1000() => PlanSynthesizer.Synthesize(_dc, _campaign, Options);

    [Benchmark]
    public SynthesisResult Generated5000() => PlanSynthesizer.Synthesize(_dc, _campaign, Options);
}
