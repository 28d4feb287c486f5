using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Escalator.LiveBackend.Journal;

/// <summary>The executor's persistent journal (SQLite): every intent before an action and every outcome after it, the
/// services Escalator disabled, the run's state, and one campaign lock per cloud.</summary>
/// <remarks>
/// Written before and after each action with synchronous commits (WAL, <c>synchronous=FULL</c>), so a crash loses
/// nothing: after one, a step with an intent and no outcome is <see cref="StepState.InFlight"/> and the executor checks the
/// cloud before acting again. Times come from the <see cref="TimeProvider"/> given, never from the machine clock directly.
/// One instance per thread; several processes may open the same file (SQLite locks it).
/// </remarks>
public sealed partial class CampaignJournal : IDisposable
{
    /// <summary>The format this code writes; a journal of a newer format is refused rather than misread.</summary>
    public const int FormatVersion = 1;

    private readonly SqliteConnection _db;
    private readonly TimeProvider _time;

    private CampaignJournal(SqliteConnection db, TimeProvider time, string path)
    {
        _db = db;
        _time = time;
        Path = path;
    }

    /// <summary>The journal's file.</summary>
    public string Path { get; }

    /// <summary>Opens the journal at <paramref name="path"/>, creating it (and its tables) when it does not exist.</summary>
    /// <param name="syncToDisk">True (for a real cloud): every commit reaches the disk before the action, so not even a power
    /// loss loses it. False (dry runs): commits survive a crash of the process, not of the machine, at a fraction of the cost.</param>
    /// <exception cref="JournalException">The file is not a journal, cannot be opened, or is of a newer format.</exception>
    public static CampaignJournal Open(string path, TimeProvider time, bool syncToDisk = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            Execute(db, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(syncToDisk ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=5000;");
            CreateSchema(db, path);
            return new CampaignJournal(db, time, path);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new JournalException($"cannot use '{path}' as Escalator's journal: {e.Message}", e);
        }
        catch (JournalException)
        {
            db.Dispose();
            throw;
        }
    }

    private static void CreateSchema(SqliteConnection db, string path)
    {
        Execute(db, """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS runs (campaign TEXT PRIMARY KEY, name TEXT NOT NULL, cloud TEXT NOT NULL, plan TEXT NOT NULL,
                state TEXT NOT NULL, started TEXT NOT NULL, updated TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS actions (id INTEGER PRIMARY KEY AUTOINCREMENT, campaign TEXT NOT NULL, wave INTEGER NOT NULL,
                target TEXT NOT NULL, step INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL, intended TEXT NOT NULL,
                outcome TEXT, error TEXT, finished TEXT);
            CREATE INDEX IF NOT EXISTS actions_by_step ON actions (campaign, wave, target, step);
            CREATE TABLE IF NOT EXISTS disabled (campaign TEXT NOT NULL, host TEXT NOT NULL, service TEXT NOT NULL, reason TEXT NOT NULL,
                disabled TEXT NOT NULL, reenabled TEXT, PRIMARY KEY (campaign, host, service));
            CREATE TABLE IF NOT EXISTS locks (cloud TEXT PRIMARY KEY, campaign TEXT NOT NULL, holder TEXT NOT NULL, expires TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS controls (campaign TEXT PRIMARY KEY, request TEXT NOT NULL, at TEXT NOT NULL);
            INSERT OR IGNORE INTO meta (key, value) VALUES ('format', '1');
            """);
        using var read = Command(db, "SELECT value FROM meta WHERE key = 'format'");
        var format = int.Parse((string)read.ExecuteScalar()!, CultureInfo.InvariantCulture);
        if (format > FormatVersion)
        {
            throw new JournalException($"'{path}' is a journal of format {format}; this Escalator reads format {FormatVersion} at most: use a newer Escalator");
        }
    }

    public void Dispose() => _db.Dispose();

    private DateTimeOffset Now => _time.GetUtcNow();

    private static string Text(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = Command(db, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(_db, sql, parameters);
        return command.ExecuteNonQuery();
    }
}
