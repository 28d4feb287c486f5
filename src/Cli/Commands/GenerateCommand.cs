using System.CommandLine;
using Escalator.Model.Generation;
using Escalator.Model.Yaml;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator generate --hosts N --vnfs M --seed S [--out DIR]</c>: writes a large synthetic topology and a rolling campaign.</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var hosts = new Option<int>("--hosts") { Description = "how many hosts (3 of them control hosts)", Required = true };
        var vnfs = new Option<int>("--vnfs") { Description = "how many VNFs (about 5 instances each)", Required = true };
        var seed = new Option<int>("--seed") { Description = "the random seed; the same seed gives the same files", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "a folder to write topology.yaml and campaign.yaml into; without it the topology goes to standard output",
        };
        hosts.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 4 or > 100_000) r.AddError("--hosts must be between 4 and 100000"); });
        vnfs.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 200_000) r.AddError("--vnfs must be between 0 and 200000"); });
        var command = new Command("generate", "Write a large synthetic topology and a rolling campaign for it (for benchmarks and property tests).")
        {
            hosts,
            vnfs,
            seed,
            output,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(vnfs) > ScenarioGenerator.MaxVnfsPerHost * parse.GetValue(hosts))
            {
                stderr.WriteLine($"escalator: --vnfs may be at most {ScenarioGenerator.MaxVnfsPerHost} per host ({ScenarioGenerator.MaxVnfsPerHost * parse.GetValue(hosts)} for {parse.GetValue(hosts)} hosts); found {parse.GetValue(vnfs)}");
                return ExitCodes.BadInput;
            }
            var (topology, campaign) = ScenarioGenerator.Generate(parse.GetValue(hosts), parse.GetValue(vnfs), parse.GetValue(seed));
            if (parse.GetValue(output) is not { } dir)
            {
                stdout.Write(TopologyWriter.Write(topology));
                return ExitCodes.Ok;
            }
            try
            {
                dir.Create();
                File.WriteAllText(Path.Combine(dir.FullName, "topology.yaml"), TopologyWriter.Write(topology));
                File.WriteAllText(Path.Combine(dir.FullName, "campaign.yaml"), CampaignWriter.Write(campaign with { Topology = "topology.yaml" }));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error ESC-P07: cannot write into '{dir.FullName}': {e.Message}");
                return ExitCodes.BadInput;
            }
            stdout.WriteLine($"wrote {Path.Combine(dir.FullName, "topology.yaml")} ({topology.Hosts.Length} hosts, {topology.Vnfs.Length} VNFs, "
                + $"{topology.Vnfs.Sum(v => v.Instances.Length)} instances) and campaign.yaml");
            return ExitCodes.Ok;
        });
        return command;
    }
}
