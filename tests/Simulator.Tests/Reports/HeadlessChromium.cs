using System.ComponentModel;
using System.Diagnostics;

namespace Escalator.Simulator.Tests.Reports;

/// <summary>Loads a page file in headless Chromium, offline, and returns the DOM once its scripts have run.</summary>
/// <remarks>Virtual time lets the page finish its work without a wall-clock wait; a run past
/// <see cref="Timeout"/> is killed with its children and fails the test.</remarks>
internal static class HeadlessChromium
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The browser on PATH; a test that needs one fails (never passes quietly) without it.</summary>
    public static string Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in Names)
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        Assert.Fail($"no browser on PATH (looked for {string.Join(", ", Names)}): run scripts/ensure-deps test, which installs Debian's chromium");
        return "";
    }

    public static async Task<string> DumpDomAsync(string pageFile)
    {
        var browser = Find();
        var profile = Directory.CreateTempSubdirectory("escalator-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                $"--user-data-dir={profile.FullName}", "--virtual-time-budget=15000", "--dump-dom", new Uri(pageFile).AbsoluteUri])
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new Win32Exception($"{browser} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{browser} did not finish {pageFile} within {Timeout.TotalSeconds} s; it was killed");
            }
            var dom = await stdout;
            Assert.True(process.ExitCode == 0 && dom.Length > 0,
                $"{browser} exited with {process.ExitCode} on {pageFile}; its error output ends: {Tail(await stderr)}");
            return dom;
        }
        finally
        {
            DeleteProfile(profile);
        }
    }

    private static void DeleteProfile(DirectoryInfo profile)
    {
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A killed browser's helper may still hold a file for a moment; a stray temporary folder fails nothing.
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
