using System.CommandLine;
using Escalator.Cli.Reports;
using Escalator.Model.Pipeline;
using Escalator.Model.Plans;
using Escalator.Solver.Synthesis;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator plan TOPOLOGY CAMPAIGN [--format table|json] [--optimize [--timeout T] [--emit-model FILE] [--tolerate K]]</c>:
/// expands the campaign into waves (or synthesises the fastest safe waves) and prints them.</summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = Arguments.Files();
        var format = new Option<string>("--format")
        {
            Description = "table for people (default), json for machines (documented in the README)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var optimize = new Option<bool>("--optimize")
        {
            Description = "let the solver find the plan with the least expected duration that keeps every invariant, and say whether it is proved optimal (exit 1 when no safe plan is found)",
        };
        var model = new Option<string?>("--emit-model")
        {
            Description = "with --optimize: write the wave model searched (hosts, visit times, limits) as JSON to FILE, for another solver",
            HelpName = "FILE",
        };
        var timeout = Arguments.Timeout();
        var tolerate = Arguments.Tolerate("with --optimize: find a plan where");
        var command = new Command("plan", "Expand a campaign against a topology into ordered waves of concrete steps.")
        {
            files,
            format,
            optimize,
            model,
            timeout,
            tolerate,
        };
        command.SetAction(parse =>
        {
            var inputs = CampaignInputs.Load(parse.GetValue(files)!, campaignRequired: true);
            var code = inputs.Report(stderr);
            if (code != ExitCodes.Ok) return code;
            if (Arguments.ParseTimeout(parse.GetValue(timeout), stderr) is not { } limit) return ExitCodes.BadInput;
            if (!Arguments.TryParseTolerate(parse.GetValue(tolerate), stderr, out var resilience)) return ExitCodes.BadInput;
            var json = parse.GetValue(format) == "json";
            if (!parse.GetValue(optimize))
            {
                Print(inputs.Expand().Plan, json, stdout);
                return ExitCodes.Ok;
            }
            if (parse.GetValue(model) is { } modelFile
                && !Arguments.TryWrite(modelFile, SynthesisModelJson.Write(inputs.Topology!, inputs.Campaign!), stderr))
            {
                return ExitCodes.BadInput;
            }
            var result = PlanSynthesizer.Synthesize(inputs.Topology!, inputs.Campaign!, new SynthesisOptions(limit, Resilience: resilience));
            if (json)
            {
                stdout.Write(SynthesisJson.Write(result) + "\n");
            }
            else
            {
                if (result.Plan is not null) Print(result.Plan, json, stdout);
                stdout.Write(SynthesisSummary.Write(result));
            }
            return result.Plan is not null && result.Verification!.IsSafe ? ExitCodes.Ok : ExitCodes.Unsafe;
        });
        return command;
    }

    private static void Print(Plan plan, bool json, TextWriter stdout) =>
        stdout.Write(json ? PlanJson.Write(plan) + "\n" : PlanTable.Render(plan));
}
