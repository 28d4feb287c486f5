using System.Diagnostics;
using System.Globalization;
using Escalator.LiveBackend.Backends;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Escalator.LiveBackend.Tests.Backends;

/// <summary>Commands run by <c>/bin/sh -c</c> for real: exit code, output, environment, folder, the tail of a long
/// output, and a cancelled command killed with everything it started.</summary>
public sealed class ShellCommandTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-shell-").FullName;

    /// <summary>Bounds a command that should end by itself, so a hang fails the test rather than stalling the run.</summary>
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task RunAsync_Succeeds_ExitCodeZeroAndOutput()
    {
        var result = await ShellCommand.RunAsync("echo one; echo two", _dir, NoEnvironment, _bound.Token);

        Assert.Equal(new ShellResult(0, "one\ntwo"), result);
        Assert.True(result.Ok);
    }

    [Fact]
    public async Task RunAsync_Fails_ItsExitCodeAndNotOk()
    {
        var result = await ShellCommand.RunAsync("echo broken; exit 3", _dir, NoEnvironment, _bound.Token);

        Assert.Equal(new ShellResult(3, "broken"), result);
        Assert.False(result.Ok);
    }

    [Fact]
    public async Task RunAsync_WritesToStandardError_Captured()
    {
        var result = await ShellCommand.RunAsync("echo to-out; echo to-err >&2", _dir, NoEnvironment, _bound.Token);

        Assert.Equal(["to-err", "to-out"], result.Output.Split('\n').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ReadsStandardInput_SeesItsEndRatherThanWaiting()
    {
        var result = await ShellCommand.RunAsync("cat; echo done", _dir, NoEnvironment, _bound.Token);

        Assert.Equal(new ShellResult(0, "done"), result);
    }

    [Fact]
    public async Task RunAsync_Environment_GivenToTheCommandAlongsideTheInherited()
    {
        var environment = new Dictionary<string, string> { ["GREETING"] = "hello  world", ["EMPTY_ONE"] = "" };

        var result = await ShellCommand.RunAsync("printf '%s|%s|%s' \"$GREETING\" \"${EMPTY_ONE-unset}\" \"${PATH:+has-path}\"", _dir, environment,
            _bound.Token);

        Assert.Equal("hello  world||has-path", result.Output);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectory_TheCommandRunsThere()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "marker.txt"), "here");

        var result = await ShellCommand.RunAsync("pwd; cat marker.txt", _dir, NoEnvironment, _bound.Token);

        Assert.Equal($"{_dir}\nhere", result.Output);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectoryMissing_NoExitCodeAndSaysWhere()
    {
        var missing = Path.Combine(_dir, "no-such-folder");

        var result = await ShellCommand.RunAsync("true", missing, NoEnvironment, _bound.Token);

        Assert.Null(result.ExitCode);
        Assert.False(result.Ok);
        Assert.StartsWith($"could not start /bin/sh in {missing}: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LongOutput_KeepsTheTailAndCountsWhatItDropped()
    {
        var lines = Enumerable.Range(1, 10_000).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var printed = lines.Sum(l => l.Length + 1);

        var result = await ShellCommand.RunAsync("seq 1 10000", _dir, NoEnvironment, _bound.Token);

        var header = result.Output[..(result.Output.IndexOf('\n', StringComparison.Ordinal) + 1)];
        var kept = result.Output[header.Length..];
        Assert.Matches(@"^… \(\d+ characters before\)\n$", header);
        var dropped = int.Parse(header[3..header.IndexOf(' ', 3)], CultureInfo.InvariantCulture);
        Assert.Equal(printed, dropped + kept.Length + 1);
        Assert.EndsWith("\n9999\n10000", kept, StringComparison.Ordinal);
        Assert.InRange(kept.Length, ShellCommand.MaxOutput - 10, ShellCommand.MaxOutput);
        Assert.Equal(string.Join('\n', lines)[^kept.Length..], kept);
    }

    [Fact]
    public async Task RunAsync_OneLineLongerThanTheLimit_KeepsItsEnd()
    {
        var result = await ShellCommand.RunAsync("head -c 40000 /dev/zero | tr '\\0' x; echo END", _dir, NoEnvironment, _bound.Token);

        var header = result.Output[..(result.Output.IndexOf('\n', StringComparison.Ordinal) + 1)];
        var kept = result.Output[header.Length..];
        Assert.Equal("… (24004 characters before)\n", header);
        Assert.Equal(ShellCommand.MaxOutput - 1, kept.Length);
        Assert.Equal(new string('x', ShellCommand.MaxOutput - 4) + "END", kept);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheCommandAndTheProcessesItStarted()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var pidFile = Path.Combine(_dir, "pid");
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ShellCommand.RunAsync("sleep 30 & echo $! > pid; wait", _dir, NoEnvironment, bound.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the command ran {watch.Elapsed} after its cancellation");
        var child = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture);
        Assert.False(IsRunning(child), $"the shell's child sleep ({child}) survived the cancellation");
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_ThrowsWithoutStartingTheCommand()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ShellCommand.RunAsync("echo ran > ran", _dir, NoEnvironment, cancelled.Token));

        Assert.False(File.Exists(Path.Combine(_dir, "ran")), "a command ran for a step that had already ended");
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("", "''")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("a b", "'a b'")]
    public void Quote_Value_SingleQuotedWithQuotesEscaped(string value, string quoted)
    {
        Assert.Equal(quoted, ShellCommand.Quote(value));
    }

    [Theory]
    [InlineData("it's \"quoted\"")]
    [InlineData("$(touch pwned) `touch pwned` ; touch pwned && echo $HOME")]
    [InlineData("  spaces   and\ttab ")]
    [InlineData("*?[a-z] ~ \\ ! # % & | < > ( ) { }")]
    [InlineData("''''")]
    [InlineData("-n")]
    public void Quote_ShellMetacharacters_PrintfEchoesTheValueExactly(string value)
    {
        Assert.Equal(value, PrintThroughShell(value));
        Assert.False(File.Exists(Path.Combine(_dir, "pwned")));
    }

    [Fact]
    public void Quote_AnyPrintableString_PrintfEchoesItExactly()
    {
        var printable = ArbMap.Default.GeneratorFor<string>()
            .Where(s => s is not null && s.All(c => !char.IsControl(c) && !char.IsSurrogate(c)))
            .ToArbitrary();
        var replay = new Replay(new Rnd(20_260_611UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(60).WithReplay(FSharpOption<Replay>.Some(replay));

        Check.One(config, Prop.ForAll(printable, (string s) => Assert.Equal(s, PrintThroughShell(s))));
    }

    /// <summary>Runs <c>sh -c "printf %s " + Quote(value)</c> and returns what it printed, byte for byte as UTF-8.</summary>
    private string PrintThroughShell(string value)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "printf %s " + ShellCommand.Quote(value) },
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    /// <summary>Whether a process exists and is not a zombie waiting to be reaped (a container's init may not reap).</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _bound.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
