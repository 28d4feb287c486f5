using Escalator.Model.Plans;
using Escalator.Solver.Invariants;

namespace Escalator.Solver.Tests.Verification;

/// <summary>The bundled scenarios, verified as expanded: the verdicts their READMEs give a careful planner.</summary>
public sealed class ScenarioVerdictTests
{
    [Theory]
    [InlineData("ha/rolling-computes.yaml")]
    [InlineData("ha/canary.yaml")]
    [InlineData("ha/control-plane.yaml")]
    [InlineData("minimal/rolling-computes.yaml")]
    [InlineData("multisite/site-by-site.yaml")]
    [InlineData("universe/parallel-universe.yaml")]
    public void Verify_SafeScenario_IsSafe(string file)
    {
        var (dc, campaign) = Repo.Scenario(file);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Lab.Verify(dc, campaign, plan);

        Assert.True(result.IsSafe, string.Join("\n", result.Violations));
        Assert.Empty(result.Redirects);
        Assert.True(result.Checked.GetValueOrDefault(Invariant.FaultDomains.Code) > 0, "every scenario takes hosts out");
    }

    /// <summary>Each expected violation as "WAVE CODE SUBJECT", in the verdict's order.</summary>
    [Theory]
    [InlineData("ha/unsafe-no-rack-limit.yaml",
        "1 ESC-R1 vepc-mme", "1 ESC-R1 vfw", "1 ESC-R2 vepc-mme", "1 ESC-R2 vepc-sgw", "2 ESC-R1 vims-cscf", "2 ESC-R1 vims-db")]
    [InlineData("ha/unsafe-per-rack-canary.yaml", "2 ESC-R1 vims-cscf", "2 ESC-C2 computes", "4 ESC-R1 vims-db")]
    [InlineData("ha/unsafe-wrong-order.yaml", "13 ESC-O1 nova-compute", "13 ESC-O2 nova-compute")]
    // vping-1 stays on cmp-1 through its reboot: the solver README reports a VM with nowhere to go once, as ESC-C1.
    [InlineData("minimal/unsafe-both-computes.yaml", "1 ESC-C1 vping")]
    [InlineData("minimal/unsafe-pinned-vnf.yaml", "2 ESC-R1 vping", "2 ESC-M1 vping")]
    [InlineData("multisite/unsafe-identity-all-at-once.yaml", "1 ESC-I1 site-north", "1 ESC-I1 site-south")]
    [InlineData("universe/unsafe-too-few-spares.yaml", "5 ESC-U1 vepc-sgw", "6 ESC-U1 vims-db")]
    public void Verify_UnsafeScenario_NamesTheViolationsItsReadmeGives(string file, params string[] expected)
    {
        var (dc, campaign) = Repo.Scenario(file);
        var plan = PlanExpander.Expand(campaign, dc);

        var result = Lab.Verify(dc, campaign, plan);

        Assert.IsType<Verdict.Unsafe>(result.Verdict);
        Assert.Equal(expected, result.Violations.Select(v => $"{v.Wave} {v.Code} {v.Subject}"));
    }

    [Fact]
    public void Verify_UnsafeNoRackLimit_SaysWhatEachWaveLoses()
    {
        var (dc, campaign) = Repo.Scenario("ha/unsafe-no-rack-limit.yaml");

        var result = Lab.Verify(dc, campaign, PlanExpander.Expand(campaign, dc));

        var messages = result.Violations.ToDictionary(v => (v.Wave, v.Code, v.Subject), v => v.Message);
        Assert.Contains("cmp-01 and cmp-05 are out together; vepc-mme keeps 0 of 2 instances", messages[(1, "ESC-R1", "vepc-mme")], StringComparison.Ordinal);
        Assert.Contains("fw-1 goes down with cmp-02 for 12m", messages[(1, "ESC-R1", "vfw")], StringComparison.Ordinal);
        Assert.Contains("vims-cscf keeps 1 of 4 instances; n+m (3 of 4 needed) tolerates 1", messages[(2, "ESC-R1", "vims-cscf")], StringComparison.Ordinal);
        Assert.Contains("vims-db keeps 1 of 3 instances; a quorum of 3 tolerates 1", messages[(2, "ESC-R1", "vims-db")], StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnsafeWrongOrder_NamesTheConductorBehindTheComputes()
    {
        var (dc, campaign) = Repo.Scenario("ha/unsafe-wrong-order.yaml");

        var result = Lab.Verify(dc, campaign, PlanExpander.Expand(campaign, dc));

        var compatibility = Assert.Single(result.Violations, v => v.Code == Invariant.Compatibility.Code);
        Assert.Contains("nova-compute 27.1.0", compatibility.Message, StringComparison.Ordinal);
        Assert.Contains("talks to nova-conductor 26.2.0", compatibility.Message, StringComparison.Ordinal);
        Assert.Contains("it is 1 behind", compatibility.Message, StringComparison.Ordinal);
    }
}
