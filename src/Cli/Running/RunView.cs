using System.Diagnostics;
using Escalator.LiveBackend.Execution;
using Spectre.Console;

namespace Escalator.Cli.Running;

/// <summary>What <c>escalator run</c> shows while it runs: on a terminal, a live status table of the current wave
/// (Spectre.Console); otherwise one plain line per event; and the structured log (JSON lines) in a file when asked.</summary>
internal sealed class RunView : IDisposable
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _stdout;
    private readonly StreamWriter? _log;
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();
    private Action? _refresh;

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

    /// <summary>Whether the live table is shown: on the process's own terminal, outside CI.</summary>
    private bool Interactive => ReferenceEquals(_stdout, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>Runs <paramref name="work"/> under the live table on a terminal, plainly otherwise.</summary>
    public T Drive<T>(string title, Func<T> work)
    {
        if (!Interactive) return work();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return console.Live(Render(title)).AutoClear(false).Start(context =>
        {
            _refresh = () =>
            {
                context.UpdateTarget(Render(title));
                context.Refresh();
            };
            var result = work();
            _refresh();
            _refresh = null;
            return result;
        });
    }

    public void Show(ExecutionEvent e)
    {
        Status.Apply(e);
        lock (_gate)
        {
            _log?.WriteLine(EventLog.Json(e));
            if (_refresh is not null)
            {
                if (_sinceRefresh.Elapsed < RefreshEvery) return;
                _sinceRefresh.Restart();
                _refresh();
                return;
            }
            if (e.Outcome == "started" && e.Action is not ("run" or "wave")) return;
            _stdout.WriteLine(EventLog.Plain(e));
        }
    }

    /// <summary>The targets acted on last, each with its latest step, under a heading with the run's state and counts.</summary>
    private Table Render(string title)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(title)}: wave {Status.CurrentWave}, {Markup.Escape(Status.State is "started" or "resumed" ? "running" : Status.State)}; {Status.StepsOk} steps ok, {Status.StepsFailed} failed attempts")
            .AddColumn("wave").AddColumn("target").AddColumn("step").AddColumn("state").AddColumn("detail");
        foreach (var t in Status.Targets.OrderByDescending(t => t.Time).Take(20).OrderBy(t => t.Wave).ThenBy(t => t.Target, StringComparer.Ordinal))
        {
            var colour = t.Outcome switch { "ok" => "green", "failed" or "timed-out" => "red", "started" or "resumed" => "yellow", _ => "grey" };
            var detail = t.Message.Length > 70 ? t.Message[..69] + "…" : t.Message;
            table.AddRow($"{t.Wave}", Markup.Escape(t.Target), Markup.Escape(t.Action), $"[{colour}]{Markup.Escape(t.Outcome)}[/]", Markup.Escape(detail));
        }
        return table;
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
