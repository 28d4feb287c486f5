using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Simulator.DataCentre;

namespace Escalator.Simulator.Runs;

/// <summary>Replays one plan in the simulated data centre. Compiles the plan once; each run is independent, so runs may
/// go on several threads at once.</summary>
public sealed class PlanSimulator
{
    private readonly SimulationModel _model;

    public PlanSimulator(Escalator.Model.Topology.DataCentre dc, Campaign campaign, Plan plan) => _model = new SimulationModel(dc, campaign, plan);

    public Escalator.Model.Topology.DataCentre DataCentre => _model.DataCentre;

    public Campaign Campaign => _model.Campaign;

    public Plan Plan => _model.Plan;

    /// <summary>Runs the plan once with the random stream of <paramref name="seed"/>.</summary>
    /// <param name="run">The run's number, carried into the result.</param>
    /// <param name="faults">Whether faults are drawn at the campaign's rates.</param>
    /// <param name="trace">Whether to record the timeline (costs memory on large data centres).</param>
    /// <param name="expected">Whether every duration is its expected value (<c>simulate --expected</c>: the run the solver's
    /// verdict is compared with) instead of a draw around it.</param>
    public RunResult Run(int run, int seed, bool faults = true, bool trace = false, bool expected = false) =>
        new CampaignRun(_model, seed, faults, trace, expected).Execute(run, seed);

    /// <summary>The solver's invariants the simulator does not check, in words and codes: its output says so rather than
    /// implying a plan clean of them. A plan that breaks them still runs as planned here (an unplanned failover after a missing
    /// switchover counts in the VNF's outage).</summary>
    public static readonly IReadOnlyList<(string What, string[] Codes)> NotSimulated =
    [
        ("stage order and version windows", ["ESC-O1", "ESC-O2"]),
        ("fault-domain limits", ["ESC-F1"]),
        ("identity per site", ["ESC-I1"]),
        ("bounded waits", ["ESC-W1"]),
        ("switchover first", ["ESC-R2"]),
        ("migration support", ["ESC-M1"]),
    ];

    /// <summary>The VNFs in the order of <see cref="RunResult.Vnfs"/>.</summary>
    public IReadOnlyList<Vnf> Vnfs => _model.DataCentre.Vnfs;
}
