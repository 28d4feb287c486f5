using System.CommandLine;
using System.Text;
using Escalator.Cli.Reports;
using Escalator.Model.Pipeline;
using Escalator.Simulator.Runs;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator compare TOPOLOGY CAMPAIGN CAMPAIGN... [--runs N] [--seed S]</c>: simulates several campaigns (or
/// strategies) on the same data centre with the same seeds and shows them side by side.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "TOPOLOGY CAMPAIGN CAMPAIGN..., or CAMPAIGN CAMPAIGN... that each name their topology",
            Arity = new ArgumentArity(2, 32),
        };
        var runs = Arguments.Runs();
        var seed = Arguments.Seed();
        var noFaults = new Option<bool>("--no-faults") { Description = "draw no faults: every step succeeds (durations still vary)" };
        var parallel = Arguments.Parallel();
        var command = new Command("compare", "Simulate several campaigns or strategies on the same data centre and compare them side by side.")
        {
            files, runs, seed, noFaults, parallel,
        };
        command.SetAction(parse =>
        {
            var names = parse.GetValue(files)!;
            if (!Arguments.CheckRuns(parse.GetValue(runs), parse.GetValue(parallel), stderr)) return ExitCodes.BadInput;
            var all = Load(names, stderr);
            if (all is null) return ExitCodes.BadInput;
            var options = new MonteCarloOptions(parse.GetValue(runs), parse.GetValue(seed), !parse.GetValue(noFaults), parse.GetValue(parallel));
            var results = new List<(MonteCarloResult Result, MonteCarloSummary Summary)>();
            foreach (var inputs in all)
            {
                var expanded = inputs.Expand();
                var simulator = new PlanSimulator(expanded.Topology, expanded.Campaign, expanded.Plan);
                var result = Progress.Run(stderr, $"simulating {expanded.Plan.Campaign}", options.Runs, tick => MonteCarlo.Run(simulator, options, tick));
                results.Add((result, MonteCarloSummary.Of(result)));
            }
            stdout.Write(Write(results, options));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every campaign with its topology, or null after reporting what did not load.</summary>
    private static List<CampaignInputs>? Load(string[] names, TextWriter stderr)
    {
        var topology = CampaignInputs.Load([names[0]], campaignRequired: false);
        var shared = topology.Campaign is null && topology.Topology is not null;
        var all = shared
            ? names.Skip(1).Select(c => CampaignInputs.Load([names[0], c], campaignRequired: true)).ToList()
            : names.Select(c => CampaignInputs.Load([c], campaignRequired: true)).ToList();
        var failed = false;
        foreach (var inputs in all) failed |= inputs.Report(stderr) != ExitCodes.Ok;
        if (!failed && all.Count < 2)
        {
            stderr.WriteLine("escalator: compare needs at least two campaigns");
            return null;
        }
        return failed ? null : all;
    }

    private static string Write(List<(MonteCarloResult Result, MonteCarloSummary Summary)> results, MonteCarloOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine($"{results.Count} campaigns, {options.Runs} run(s) each, seed {options.Seed}, faults {(options.Faults ? "on" : "off")}");
        text.AppendLine();
        var rows = new List<string[]>();
        rows.Add(["", .. results.Select(r => r.Result.Simulator.Campaign.Name)]);
        void Add(string name, Func<MonteCarloResult, MonteCarloSummary, string> cell) =>
            rows.Add([name, .. results.Select(r => cell(r.Result, r.Summary))]);
        Add("strategy", (r, _) => string.Join(", ", r.Simulator.Plan.Stages.Select(s => s.Strategy).Distinct()));
        Add("topology", (r, _) => r.Simulator.Plan.Topology);
        Add("waves", (r, _) => r.Simulator.Plan.Waves.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("duration mean", (_, s) => Human.Seconds(s.Duration.Mean));
        Add("duration p95", (_, s) => Human.Seconds(s.Duration.P95));
        Add("P(rollback)", (_, s) => Human.Percent(s.RollbackProbability));
        Add("P(stopped, no rollback)", (_, s) => Human.Percent(s.AbortProbability));
        Add("control-plane outage mean", (_, s) => Human.Seconds(s.ControlPlaneOutage.Mean));
        Add("peak hosts out (max)", (_, s) => Human.Number(s.PeakHostsOut.Max));
        Add("extra host-hours mean", (_, s) => Human.Number(s.ExtraHostHours.Mean));
        Add("migrations mean", (_, s) => Human.Number(s.Migrations.Mean));
        Add("runs with a breach", (r, _) => r.Runs.Count(x => x.Breaches.Count > 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var vnf in results.SelectMany(r => r.Summary.Vnfs.Select(v => v.Vnf.Id.Name)).Distinct())
        {
            Add($"outage {vnf} mean / p95", (_, s) => s.Vnfs.FirstOrDefault(x => x.Vnf.Id.Name == vnf) is { } v
                ? $"{Human.Seconds(v.Outage.Mean)} / {Human.Seconds(v.Outage.P95)}" : "—");
        }
        SimulationText.Table(text, rows);
        return text.ToString();
    }
}
