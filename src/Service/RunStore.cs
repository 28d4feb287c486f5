using System.Text.Json;
using System.Text.RegularExpressions;

namespace Escalator.Service;

/// <summary>The state directory of <c>escalator serve</c>: <c>journal.db</c>, and per run <c>runs/RUN/</c> with the
/// submitted <c>topology.yaml</c> and <c>campaign.yaml</c>, <c>run.json</c> (override, webhooks, verdict) and
/// <c>events.jsonl</c> (every event, one JSON line each, in order: line N is event id N).</summary>
internal sealed partial class RunStore(string root)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = root;

    public string JournalPath => Path.Combine(Root, "journal.db");

    /// <summary>A run id is a file name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex IdPattern();

    public string EventsPath(string run) => Path.Combine(Folder(run), "events.jsonl");

    public bool Exists(string run) => File.Exists(Path.Combine(Folder(run), "run.json"));

    /// <summary>The runs kept, by id.</summary>
    public IReadOnlyList<string> Ids()
    {
        var runs = Path.Combine(Root, "runs");
        if (!Directory.Exists(runs)) return [];
        return [.. Directory.EnumerateDirectories(runs).Select(Path.GetFileName).OfType<string>().Where(IsValidId).Where(Exists)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Keeps a submission, replacing one of the same id (a run that never began) and its events.</summary>
    public void Save(string run, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var folder = Folder(run);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "topology.yaml"), submission.Topology);
        File.WriteAllText(Path.Combine(folder, "campaign.yaml"), submission.Campaign);
        File.Delete(EventsPath(run));
        // run.json last: a run exists once it is complete on disk.
        var meta = new RunMeta(submission.OverrideVerdict, [.. submission.Webhooks.Select(u => u.AbsoluteUri)], submission.Safe, submission.Verdict);
        File.WriteAllText(Path.Combine(folder, "run.json"), JsonSerializer.Serialize(meta, Json));
    }

    /// <summary>The submission of a kept run, or null when there is none (or its files are damaged: said in <paramref name="problem"/>).</summary>
    public Submission? Load(string run, out string? problem)
    {
        problem = null;
        if (!Exists(run)) return null;
        var folder = Folder(run);
        try
        {
            var meta = JsonSerializer.Deserialize<RunMeta>(File.ReadAllText(Path.Combine(folder, "run.json")), Json)
                ?? throw new JsonException("run.json is empty");
            return new Submission(File.ReadAllText(Path.Combine(folder, "topology.yaml")), File.ReadAllText(Path.Combine(folder, "campaign.yaml")),
                meta.OverrideVerdict, [.. meta.Webhooks.Select(u => new Uri(u))], meta.Safe, meta.Verdict);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or UriFormatException)
        {
            problem = $"the files of run '{run}' in {folder} cannot be read: {e.Message}";
            return null;
        }
    }

    /// <summary>The events kept for a run, as JSON lines (a line cut short by a crash is left out).</summary>
    public IReadOnlyList<string> Events(string run)
    {
        var path = EventsPath(run);
        if (!File.Exists(path)) return [];
        return [.. File.ReadLines(path).Where(l => l.EndsWith('}'))];
    }

    private string Folder(string run) =>
        IsValidId(run) ? Path.Combine(Root, "runs", run) : throw new ArgumentException($"'{run}' is not a valid run id", nameof(run));

    private sealed record RunMeta(bool OverrideVerdict, IReadOnlyList<string> Webhooks, bool Safe, string Verdict);
}
