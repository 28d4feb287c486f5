using System.CommandLine;
using Escalator.Model.Plans;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator plan TOPOLOGY CAMPAIGN [--format table|json]</c>: expands the campaign into waves and prints them.</summary>
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
        var command = new Command("plan", "Expand a campaign against a topology into ordered waves of concrete steps.")
        {
            files,
            format,
        };
        command.SetAction(parse =>
        {
            var inputs = Inputs.Load(parse.GetValue(files)!, campaignRequired: true);
            var code = inputs.Report(stderr);
            if (code != ExitCodes.Ok) return code;
            var plan = PlanExpander.Expand(inputs.Campaign!, inputs.Topology!);
            stdout.Write(parse.GetValue(format) == "json" ? PlanJson.Write(plan) + "\n" : PlanTable.Render(plan));
            return ExitCodes.Ok;
        });
        return command;
    }
}
