using System.Diagnostics;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary>The <c>escalator</c> command as a real process (the build's escalator.dll, run with this test assembly's
/// runtime settings, which include everything it depends on), its output read line by line.</summary>
internal sealed class EscalatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _watches = [];

    private EscalatorProcess(string workingDirectory, IEnumerable<string> arguments)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, typeof(EscalatorProcess).Assembly.GetName().Name!);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", "--runtimeconfig", assembly + ".runtimeconfig.json", "--depsfile", assembly + ".deps.json",
            Path.Combine(AppContext.BaseDirectory, "escalator.dll") }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Take(e.Data);
        _process.ErrorDataReceived += (_, e) => Take(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static EscalatorProcess Start(string workingDirectory, params string[] arguments) => new(workingDirectory, arguments);

    public string Output
    {
        get
        {
            lock (_gate) return string.Join("\n", _lines);
        }
    }

    /// <summary>The first line (already printed or still to come) that <paramref name="match"/> accepts; throws when the
    /// process ends or <paramref name="within"/> passes first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan within)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line) return line;
            _watches.Add((match, seen));
        }
        var ended = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, ended, Task.Delay(within));
        if (first == seen.Task) return await seen.Task;
        throw new TimeoutException($"escalator {(first == ended ? $"ended with {_process.ExitCode}" : $"ran {within}")} without printing the line awaited:\n{Output}");
    }

    /// <summary>Kills the process (SIGKILL) and everything it started, as a crash would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan within)
    {
        using var bound = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(bound.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private void Take(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var watch in _watches.Where(w => w.Match(line)).ToList())
            {
                watch.Seen.TrySetResult(line);
                _watches.Remove(watch);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
