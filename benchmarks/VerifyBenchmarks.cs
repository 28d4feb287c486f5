using BenchmarkDotNet.Attributes;
using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Generation;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;

namespace Escalator.Benchmarks;

/// <summary>Verification: the bundled <c>ha</c> scenario end to end, and a generated data centre of 1,000 hosts.</summary>
/// <remarks>Targets: <see cref="Ha"/> under 0.5 s; <see cref="Generated1000"/> under 5 s and 2 GiB.</remarks>
[Config(typeof(SlowOperationConfig))]
public class VerifyBenchmarks
{
    private const int Hosts = 1000;
    private const int Vnfs = 2000;
    private const int Seed = 1;

    private string _haTopology = "";
    private string _haCampaign = "";
    private DataCentre _dc = null!;
    private Campaign _campaign = null!;
    private Plan _plan = null!;

    [GlobalSetup(Target = nameof(Ha))]
    public void SetUpHa()
    {
        var ha = Path.Combine(RepositoryRoot.Find(), "scenarios", "ha");
        _haTopology = Path.Combine(ha, "topology.yaml");
        _haCampaign = Path.Combine(ha, "rolling-computes.yaml");
        // Fail here, not in a measured iteration, if the scenario no longer loads cleanly.
        _ = Ha();
    }

    [GlobalSetup(Targets = [nameof(Generated1000), nameof(Generated1000VerifyOnly)])]
    public void SetUpGenerated()
    {
        (_dc, _campaign) = ScenarioGenerator.Generate(Hosts, Vnfs, Seed);
        _plan = PlanExpander.Expand(_campaign, _dc);
    }

    /// <summary>Load <c>scenarios/ha/topology.yaml</c> and <c>rolling-computes.yaml</c>, validate, expand and verify.</summary>
    [Benchmark]
    public VerificationResult Ha()
    {
        var topology = Valid(TopologyLoader.LoadFile(_haTopology));
        var campaignFile = CampaignLoader.LoadFile(_haCampaign);
        var campaign = Valid(campaignFile);
        var problems = CampaignValidator.Validate(campaign, campaignFile.Sources, topology);
        if (problems.Any(d => d.Severity == Severity.Error))
        {
            throw new InvalidOperationException($"{_haCampaign} does not validate against its topology: {problems.First(d => d.Severity == Severity.Error)}");
        }
        var plan = PlanExpander.Expand(campaign, topology);
        return PlanVerifier.Verify(topology, campaign, plan);
    }

    /// <summary>Expand and verify the rolling campaign of a generated data centre (1,000 hosts, 2,000 VNFs, ~10,000 VMs).</summary>
    [Benchmark]
    public VerificationResult Generated1000() => PlanVerifier.Verify(_dc, _campaign, PlanExpander.Expand(_campaign, _dc));

    /// <summary>Verify alone, on the plan expanded in setup: the share of <see cref="Generated1000"/> that verification takes.</summary>
    [Benchmark]
    public VerificationResult Generated1000VerifyOnly() => PlanVerifier.Verify(_dc, _campaign, _plan);

    private static T Valid<T>(Loaded<T> loaded) where T : class =>
        loaded.Ok
            ? loaded.Value!
            : throw new InvalidOperationException($"A bundled scenario file does not load: {loaded.Diagnostics.FirstOrDefault()}");
}
