using System.Diagnostics;

namespace Escalator.Solver.Tests.Smt;

/// <summary>Runs the cvc5 command on an SMT-LIB 2 file, with a bounded wait.</summary>
internal static class Cvc5
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The cvc5 executable on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "cvc5")).FirstOrDefault(File.Exists);

    /// <summary>The path of cvc5, failing the test with what to do when it is not installed.</summary>
    public static string Require() => Find() ?? throw new Xunit.Sdk.XunitException(
        "cvc5 is not installed (no 'cvc5' on PATH): run scripts/ensure-deps test, which installs the Debian package cvc5 (CI runs it)");

    /// <summary>What cvc5 prints for <paramref name="smt2"/> (trimmed standard output), killing it after <see cref="Timeout"/>.</summary>
    public static string Check(string smt2)
    {
        var executable = Require();
        var file = Path.Combine(Path.GetTempPath(), $"escalator-cvc5-{Guid.NewGuid():N}.smt2");
        File.WriteAllText(file, smt2);
        try
        {
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--lang", "smt2", file }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"cvc5 did not answer within {Timeout.TotalSeconds} s on {file}");
            }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"cvc5 exited with {process.ExitCode}: {error.Result}{output.Result}");
            return output.Result.Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
