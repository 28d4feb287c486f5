using System.CommandLine;
using Escalator.Cli.Reports;
using Escalator.Model.Pipeline;
using Escalator.Simulator.Reports;
using Escalator.Simulator.Runs;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator simulate TOPOLOGY CAMPAIGN [--runs N] [--seed S] [--report DIR] [--no-faults] [--parallel N]</c>:
/// replays the campaign's plan many times in the simulated data centre and summarises duration, outage and risk.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = Arguments.Files();
        var runs = Arguments.Runs();
        var seed = Arguments.Seed();
        var report = new Option<string?>("--report")
        {
            Description = "write report.json, runs.csv and report.html (opens offline) into DIR",
            HelpName = "DIR",
        };
        var noFaults = new Option<bool>("--no-faults") { Description = "draw no faults: every step succeeds (durations still vary)" };
        var expected = new Option<bool>("--expected")
        {
            Description = "run the plan once, without faults, every duration at its expected value (the run verify's verdict is compared with)",
        };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "exit 1 when the prediction breaks a budget (a VNF over it at the p95 of the runs), an invariant in a run without faults, or either: budget, breach or budget,breach (default: breach)",
            HelpName = "WHAT",
        };
        var parallel = Arguments.Parallel();
        var command = new Command("simulate", "Predict a campaign's duration, outage per VNF and risk by Monte Carlo simulation of its plan.")
        {
            files, runs, seed, report, noFaults, expected, failOn, parallel,
        };
        command.SetAction(parse =>
        {
            var inputs = CampaignInputs.Load(parse.GetValue(files)!, campaignRequired: true);
            var code = inputs.Report(stderr);
            if (code != ExitCodes.Ok) return code;
            if (!Arguments.CheckRuns(parse.GetValue(runs), parse.GetValue(parallel), stderr)) return ExitCodes.BadInput;
            if (FailOn(parse.GetValue(failOn), stderr) is not { } gate) return ExitCodes.BadInput;
            var expanded = inputs.Expand();
            var simulator = new PlanSimulator(expanded.Topology, expanded.Campaign, expanded.Plan);
            var options = parse.GetValue(expected)
                ? new MonteCarloOptions(1, parse.GetValue(seed), Faults: false, Parallelism: 1, Expected: true)
                : new MonteCarloOptions(parse.GetValue(runs), parse.GetValue(seed), !parse.GetValue(noFaults), parse.GetValue(parallel));
            var result = Progress.Run(stderr, $"simulating {expanded.Plan.Campaign}", options.Runs, tick => MonteCarlo.Run(simulator, options, tick));
            var summary = MonteCarloSummary.Of(result);
            stdout.Write(SimulationText.Write(result, summary));
            if (parse.GetValue(report) is { } dir)
            {
                var names = parse.GetValue(files)!;
                var json = ReportJson.Write(result, summary, names.Length == 2 ? names[0] : inputs.Campaign!.Topology ?? "", names[^1]);
                if (!WriteReport(dir, json, RunsCsv.Write(result), stderr)) return ExitCodes.BadInput;
                stdout.WriteLine($"report: {Path.Combine(dir, "report.html")}");
            }
            // A breach in a run where no fault was drawn is the plan's own; with faults it is a risk, shown above.
            var breach = gate.Breach && result.Runs.Any(r => r.Faults == 0 && r.Breaches.Count > 0);
            var budget = gate.Budget && summary.Vnfs.Any(v => v.OverBudgetAtP95);
            return breach || budget ? ExitCodes.Unsafe : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What <c>--fail-on</c> asks to gate on, or null after telling the user what was wrong.</summary>
    private static (bool Budget, bool Breach)? FailOn(string? text, TextWriter stderr)
    {
        if (text is null) return (false, true);
        var words = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && words.All(w => w is "budget" or "breach"))
        {
            return (words.Contains("budget"), words.Contains("breach"));
        }
        stderr.WriteLine($"escalator: --fail-on expects budget, breach or budget,breach; found '{text}'");
        return null;
    }

    /// <summary>Writes the three report files into <paramref name="dir"/>, creating it.</summary>
    internal static bool WriteReport(string dir, string json, string csv, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"escalator: cannot create the report folder '{dir}': {e.Message}");
            return false;
        }
        return Arguments.TryWrite(Path.Combine(dir, "report.json"), json, stderr)
            && Arguments.TryWrite(Path.Combine(dir, "runs.csv"), csv, stderr)
            && Arguments.TryWrite(Path.Combine(dir, "report.html"), ReportPage.Render(json), stderr);
    }
}
