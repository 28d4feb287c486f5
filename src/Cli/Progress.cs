using Spectre.Console;

namespace Escalator.Cli;

/// <summary>Shows how far a long job is: a progress bar on a terminal, a plain line every tenth otherwise.</summary>
internal static class Progress
{
    /// <param name="work">Runs the job, calling its argument with the count of items done (from any thread).</param>
    public static T Run<T>(TextWriter stderr, string what, int total, Func<Action<int>, T> work)
    {
        if (ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(what, maxValue: total);
                    return work(done => task.Value = done);
                });
        }
        var step = Math.Max(1, total / 10);
        var gate = new Lock();
        return work(done =>
        {
            if (done % step != 0 && done != total) return;
            lock (gate) stderr.WriteLine($"{what}: {done}/{total}");
        });
    }
}
