using System.CommandLine;
using Escalator.Model.Pipeline;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator validate TOPOLOGY [CAMPAIGN]</c>: checks structure and references and prints every diagnostic.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = Arguments.Files();
        var command = new Command("validate", "Check a topology and a campaign (or a topology alone) and print every problem with its file, line and path.")
        {
            files,
        };
        command.SetAction(parse =>
        {
            var inputs = CampaignInputs.Load(parse.GetValue(files)!, campaignRequired: false);
            var code = inputs.Report(stderr);
            if (code == ExitCodes.Ok)
            {
                var dc = inputs.Topology!;
                var summary = $"ok: topology '{dc.Name}' ({dc.Hosts.Length} hosts, {dc.Vnfs.Length} VNFs, {dc.Vnfs.Sum(v => v.Instances.Length)} instances, {dc.Clusters.Length} clusters)";
                if (inputs.Campaign is { } c) summary += $"; campaign '{c.Name}' ({c.Stages.Length} stages)";
                stdout.WriteLine(summary);
            }
            return code;
        });
        return command;
    }
}
