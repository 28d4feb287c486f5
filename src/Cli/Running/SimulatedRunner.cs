using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.Simulated;
using Escalator.Cli.Commands;
using Escalator.Simulator.Engine;

namespace Escalator.Cli.Running;

/// <summary>Runs a campaign on the simulated backend: a dry run in virtual time that starts from the time of day.</summary>
/// <remarks>The simulated data centre lives in memory, so a simulated run resumes only within one process; across
/// processes the journal still refuses to redo what it recorded as done.</remarks>
internal static class SimulatedRunner
{
    public static int Run(ExecutionRequest request, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        var simulation = new Simulation(TimeProvider.System.GetUtcNow());
        var backend = new SimulatedBackend(request.Topology, request.Campaign, simulation, options.Seed, options.Faults);
        var vnfm = new SimulatedVnfm(request.Topology, request.Campaign, simulation, options.Seed, options.Faults);
        var temporary = options.Journal is null ? Directory.CreateTempSubdirectory("escalator-run-").FullName : null;
        var path = options.Journal ?? Path.Combine(temporary!, "journal.db");
        try
        {
            using var journal = Open(path, simulation.Time, stderr);
            if (journal is null) return ExitCodes.BadInput;
            using var view = RunView.Create(stdout, options.Log, stderr);
            if (view is null) return ExitCodes.BadInput;
            var executor = new Executor(backend, journal, vnfm, request, new ExecutionOptions(Holder(), TimeSpan.FromMinutes(10)), view.Show);
            var result = view.Drive(request.RunId, () => VirtualTimeLoop.Run(simulation, () => executor.RunAsync()));
            view.Finish(result);
            return ExitCode(result);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (temporary is not null) Directory.Delete(temporary, recursive: true);
        }
    }

    internal static int ExitCode(ExecutionResult result) => result switch
    {
        { Refused: true } => ExitCodes.Refused,
        { State: RunState.Completed or RunState.Suspended } => ExitCodes.Ok,
        _ => ExitCodes.NotCompleted,
    };

    internal static string Holder() => $"{Environment.MachineName}:{Environment.ProcessId}";

    private static CampaignJournal? Open(string path, TimeProvider time, TextWriter stderr)
    {
        try
        {
            return CampaignJournal.Open(path, time, syncToDisk: false);
        }
        catch (JournalException e)
        {
            stderr.WriteLine($"escalator: {e.Message}");
            return null;
        }
    }
}
