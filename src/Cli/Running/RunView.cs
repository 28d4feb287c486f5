using Escalator.LiveBackend.Execution;

namespace Escalator.Cli.Running;

/// <summary>What <c>escalator run</c> shows while it runs: one plain line per event (a terminal gets the same lines;
/// the status table is printed at the end), and the structured log (JSON lines) in a file when asked.</summary>
internal sealed class RunView : IDisposable
{
    private readonly TextWriter _stdout;
    private readonly StreamWriter? _log;
    private readonly Lock _gate = new();

    private RunView(TextWriter stdout, StreamWriter? log)
    {
        _stdout = stdout;
        _log = log;
    }

    public RunStatus Status { get; } = new();

    /// <summary>A view writing to <paramref name="stdout"/> and, if named, appending JSON lines to <paramref name="logPath"/>;
    /// null after saying why the log cannot be opened.</summary>
    public static RunView? Create(TextWriter stdout, string? logPath, TextWriter stderr)
    {
        if (logPath is null) return new RunView(stdout, null);
        try
        {
            return new RunView(stdout, new StreamWriter(logPath, append: true) { AutoFlush = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"escalator: cannot open the log '{logPath}': {e.Message}");
            return null;
        }
    }

    public void Show(ExecutionEvent e)
    {
        Status.Apply(e);
        if (e.Outcome == "started" && e.Action is not ("run" or "wave")) return;
        lock (_gate)
        {
            _stdout.WriteLine(EventLog.Plain(e));
            _log?.WriteLine(EventLog.Json(e));
        }
    }

    public void Finish(ExecutionResult result)
    {
        lock (_gate)
        {
            if (result.Refusal is { } why) _stdout.WriteLine($"refused: {why}");
            foreach (var failure in result.Failures) _stdout.WriteLine($"failure: {failure}");
            _stdout.WriteLine($"{(result.State?.ToString().ToLowerInvariant() ?? "not started")}: {result.StepsRun} steps run, {result.StepsDone} already done, {Status.StepsFailed} failed attempts");
        }
    }

    public void Dispose() => _log?.Dispose();
}
