using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.Cli.Commands;

namespace Escalator.Cli.Running;

/// <summary>Runs a campaign through an engine (the simulated data centre or a live cloud), journaling every step, with
/// the live table on a terminal and plain lines elsewhere.</summary>
internal static class Runner
{
    /// <param name="journalPath">The journal; null for a temporary one, deleted at the end (dry runs only).</param>
    public static int Run(IRunEngine engine, ExecutionRequest request, string? journalPath, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        var temporary = journalPath is null ? Directory.CreateTempSubdirectory("escalator-run-").FullName : null;
        var path = journalPath ?? Path.Combine(temporary!, "journal.db");
        try
        {
            using var journal = Open(path, engine, stderr);
            if (journal is null) return ExitCodes.BadInput;
            using var view = RunView.Create(stdout, options.Log, stderr);
            if (view is null) return ExitCodes.BadInput;
            var execution = ExecutionOptions.ForThisProcess(TimeSpan.FromMinutes(10));
            var result = view.Drive(request.RunId, () => engine.Execute(request, journal, execution, view.Show, CancellationToken.None));
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

    private static CampaignJournal? Open(string path, IRunEngine engine, TextWriter stderr)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            return CampaignJournal.Open(path, engine.Time, syncToDisk: engine.Durable);
        }
        catch (Exception e) when (e is JournalException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"escalator: {e.Message}");
            return null;
        }
    }
}
