using System.Diagnostics;
using System.Text;

namespace Escalator.LiveBackend.Backends;

/// <summary>Runs one command line through <c>/bin/sh -c</c>, capturing what it prints (standard output and error, in
/// order of arrival, the tail kept when long); cancelling the token kills the command and everything it started.</summary>
public static class ShellCommand
{
    /// <summary>How much of the output is kept: the last this many characters.</summary>
    public const int MaxOutput = 16_000;

    /// <summary>Runs <paramref name="commandLine"/>; the result says how it ended.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the command was killed first.</exception>
    public static async Task<ShellResult> RunAsync(string commandLine, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", commandLine },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        // A step that has already ended must not start a command that could act before it is killed.
        cancellationToken.ThrowIfCancellationRequested();
        var output = new Tail(MaxOutput);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ShellResult(null, $"could not start /bin/sh in {workingDirectory}: {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        // The exit is known; WaitForExit() without a timeout also waits for the output streams to be drained.
        process.WaitForExit();
        return new ShellResult(process.ExitCode, output.ToString());
    }

    /// <summary>Quotes <paramref name="value"/> for a POSIX shell.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile.
        }
    }

    /// <summary>Keeps the last lines of output up to a number of characters, counting what it dropped.</summary>
    private sealed class Tail(int limit)
    {
        private readonly Lock _gate = new();
        private readonly Queue<string> _lines = [];
        private int _length;
        private long _dropped;

        public void Add(string? line)
        {
            if (line is null) return;
            lock (_gate)
            {
                _lines.Enqueue(line);
                _length += line.Length + 1;
                while (_length > limit && _lines.Count > 1)
                {
                    var gone = _lines.Dequeue();
                    _length -= gone.Length + 1;
                    _dropped += gone.Length + 1;
                }
                if (_length > limit) KeepEndOfOnlyLine();
            }
        }

        /// <summary>One line longer than the limit (a progress bar redrawn with carriage returns, a dump): its end.</summary>
        private void KeepEndOfOnlyLine()
        {
            var only = _lines.Dequeue();
            var cut = _length - limit;
            if (cut < only.Length && char.IsLowSurrogate(only[cut])) cut++;
            _lines.Enqueue(only[cut..]);
            _length -= cut;
            _dropped += cut;
        }

        public override string ToString()
        {
            lock (_gate)
            {
                var text = new StringBuilder();
                if (_dropped > 0) text.Append("… (").Append(_dropped).Append(" characters before)\n");
                return text.AppendJoin('\n', _lines).ToString();
            }
        }
    }
}

/// <summary>How a shell command ended.</summary>
/// <param name="ExitCode">Its exit code; null when it could not be started.</param>
/// <param name="Output">What it printed (the tail), or why it could not be started.</param>
public sealed record ShellResult(int? ExitCode, string Output)
{
    public bool Ok => ExitCode == 0;
}
