using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;

namespace Escalator.Solver.Verification;

/// <summary>Replays a plan wave by wave, tracking placement, versions and active instances, and writes the
/// verification condition: facts read off each wave and one check per invariant instance.</summary>
internal sealed partial class PlanReplay
{
    private readonly TopologyIndex _index;
    private readonly Campaign _campaign;
    private readonly Plan _plan;
    private readonly VerifyOptions _options;
    private readonly Problem _problem = new();
    private readonly Dictionary<string, int> _stageIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StageSelection> _selections = new(StringComparer.Ordinal);
    private readonly HashSet<HostId> _pending = [];
    private readonly HashSet<HostId> _retired = [];
    private readonly HashSet<HostId> _unbuilt = [];
    private readonly DurationModel _durations;
    private readonly Scheduler _scheduler;

    public PlanReplay(DataCentre dc, Campaign campaign, Plan plan, VerifyOptions options)
    {
        _index = new TopologyIndex(dc);
        _campaign = campaign;
        _plan = plan;
        _options = options;
        _durations = new DurationModel(campaign.Simulation);
        _scheduler = new Scheduler(_index);
        for (var i = 0; i < campaign.Stages.Length; i++)
        {
            var stage = campaign.Stages[i];
            _stageIndex[stage.Name] = i;
            _selections[stage.Name] = StageSelection.Of(campaign, stage, dc);
            if (stage.Strategy is ParallelUniverseStrategy universe)
            {
                _unbuilt.UnionWith(dc.Hosts.Where(universe.Spares.Matches).Select(h => h.Id));
            }
        }
        foreach (var wave in plan.Waves.Where(w => w.Kind is WaveKind.Rolling or WaveKind.Canary or WaveKind.Move))
        {
            _pending.UnionWith(wave.Hosts);
        }
        InitPlacement(dc);
        InitVersions(dc);
    }

    public List<Redirect> Redirects { get; } = [];

    private DataCentre Dc => _index.DataCentre;

    public Problem Run()
    {
        CheckStageOrder();
        foreach (var wave in _plan.Waves)
        {
            var stage = _campaign.Stages[_stageIndex[wave.Stage]];
            var context = new WaveContext(wave, stage, _stageIndex[wave.Stage], _campaign.ProcedureOf(stage));
            CheckLimits(context);
            CheckWaits(context);
            CheckServices(context);
            CheckVersions(context);
            ReplayHosts(context);
            foreach (var host in wave.Hosts)
            {
                _pending.Remove(host);
                if (wave.Kind == WaveKind.Move) _retired.Add(host);
                if (wave.Kind == WaveKind.Build) _unbuilt.Remove(host);
            }
            AdvanceVersions(context);
        }
        CheckBudgets();
        return _problem;
    }

    /// <summary>What every check of one wave needs to know about it.</summary>
    private sealed record WaveContext(Wave Wave, Stage Stage, int StageIndex, Procedure Procedure)
    {
        public int Number => Wave.Number;

        /// <summary>The wave's steps by target, so that a host's steps are found without scanning the whole wave.</summary>
        public ILookup<string, PlanStep> StepsOn { get; } = Wave.Steps.ToLookup(s => s.Target, StringComparer.Ordinal);

        public string StagePath => $"stages[{StageIndex}]";

        public string StrategyPath => $"stages[{StageIndex}].strategy";

        public string StepPath(ProcedureStep step) => $"procedures.{Procedure.Name}[{Procedure.Steps.IndexOf(step)}]";

        public ProcedureStep? Evacuate => Procedure.Steps.FirstOrDefault(s => s.Action == StepAction.Evacuate);

        public ProcedureStep Upgrade => Procedure.Steps.First(s => s.Action == StepAction.Upgrade);

        /// <summary>Whether the wave takes its hosts out of service (upgrade in place or retire).</summary>
        public bool TakesHostsOut => Wave.Kind is WaveKind.Rolling or WaveKind.Canary or WaveKind.Move;
    }

    private static string Var(params object[] parts) => string.Join('.', parts);
}
