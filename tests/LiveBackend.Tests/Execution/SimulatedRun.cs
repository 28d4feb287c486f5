using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.Simulated;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Tests.Execution;

/// <summary>A campaign performed on the simulated backend in virtual time, with its journal in a temporary file.</summary>
internal sealed class SimulatedRun : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-exec-").FullName;

    public SimulatedRun(DataCentre topology, Campaign campaign, bool faults = false, int seed = 1)
    {
        Topology = topology;
        Campaign = campaign;
        Plan = PlanExpander.Expand(campaign, topology);
        Simulation = new Simulation(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        Backend = new SimulatedBackend(topology, campaign, Simulation, seed, faults);
        Vnfm = new SimulatedVnfm(topology, campaign, Simulation, seed, faults);
        JournalPath = Path.Combine(_dir, "journal.db");
        Journal = CampaignJournal.Open(JournalPath, Simulation.Time);
    }

    public static SimulatedRun Of(string scenario, bool faults = false, Func<Campaign, Campaign>? edit = null)
    {
        var (topology, campaign) = Repo.Scenario(scenario);
        return new SimulatedRun(topology, edit is null ? campaign : edit(campaign), faults);
    }

    public DataCentre Topology { get; }

    public Campaign Campaign { get; }

    public Plan Plan { get; }

    public Simulation Simulation { get; }

    public SimulatedBackend Backend { get; }

    public SimulatedVnfm Vnfm { get; }

    public string JournalPath { get; }

    public CampaignJournal Journal { get; }

    public List<ExecutionEvent> Events { get; } = [];

    /// <summary>Called on every event, after it is recorded: lets a test act mid-run (an operator's request).</summary>
    public Action<ExecutionEvent>? OnEvent { get; set; }

    public string RunId => Campaign.Name;

    public ExecutionRequest Request(SafetyCheck? safety = null) =>
        new(RunId, Campaign, Topology, Plan, PlanJson.Write(Plan), safety ?? new SafetyCheck(true, "safe"));

    public Executor Executor(SafetyCheck? safety = null, string holder = "test:1") =>
        new(Backend, Journal, Vnfm, Request(safety), new ExecutionOptions(holder, TimeSpan.FromMinutes(10)), e =>
        {
            Events.Add(e);
            OnEvent?.Invoke(e);
        });

    /// <summary>Runs the executor to its end in virtual time; <paramref name="cancelAfter"/> stops it there as a crash would.</summary>
    public ExecutionResult Run(SafetyCheck? safety = null, TimeSpan? cancelAfter = null, string holder = "test:1")
    {
        var executor = Executor(safety, holder);
        return VirtualTimeLoop.Run(Simulation, async () =>
        {
            using var crash = cancelAfter is { } after ? new CancellationTokenSource(after, Simulation.Time) : new CancellationTokenSource();
            try
            {
                return await executor.RunAsync(crash.Token);
            }
            catch (OperationCanceledException) when (crash.IsCancellationRequested)
            {
                return new ExecutionResult(null, "crashed", 0, 0, []);
            }
        });
    }

    /// <summary>The events with this outcome, as "action target" strings.</summary>
    public IEnumerable<ExecutionEvent> With(string outcome) => Events.Where(e => e.Outcome == outcome);

    public void Dispose()
    {
        Journal.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
