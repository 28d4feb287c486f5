namespace Escalator.Cli.Tests;

/// <summary>Runs the escalator command in-process with captured output, from the repository root.</summary>
internal static class Cli
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // Paths in messages are relative to the working directory, which is process-wide.
        await OneAtATime.WaitAsync();
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Repo.Root;
            var code = await EscalatorApp.RunAsync(args, stdout, stderr);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            OneAtATime.Release();
        }
    }
}
