using System.CommandLine;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator discover [--os-cloud NAME] [--clouds-yaml FILE] [--out FILE] [--timeout T]</c>: reads a live OpenStack cloud
/// (Nova and Placement) and writes its topology.</summary>
/// <remarks>Exit 0 with the topology written; 2 when the cloud's configuration is unusable or the cloud could not be read (the message
/// names the file and field, or the URL that failed), never a stack trace.</remarks>
internal static class DiscoverCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cloud = CloudOptions.OsCloud();
        var cloudsYaml = CloudOptions.CloudsYaml();
        var output = new Option<string?>("--out") { Description = "write the topology to FILE (default: standard output)", HelpName = "FILE" };
        var timeout = new Option<string>("--timeout")
        {
            Description = "the longest one call to the cloud may wait for an answer, e.g. 30s (default); transient faults are retried",
            DefaultValueFactory = _ => "30s",
            HelpName = "DURATION",
        };
        var command = new Command("discover", "Read a live OpenStack cloud (Nova, Placement) and write its topology; review the redundancy it guesses.")
        {
            cloud,
            cloudsYaml,
            output,
            timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(cloud), parse.GetValue(cloudsYaml), parse.GetValue(output),
            parse.GetValue(timeout), stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? cloudName, string? cloudsYaml, string? output, string? timeoutText, TextWriter stdout,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        if (Arguments.ParseTimeout(timeoutText, stderr) is not { } timeout) return ExitCodes.BadInput;
        if (CloudOptions.Resolve(cloudName, cloudsYaml, stderr) is not { } config) return ExitCodes.BadInput;
        DiscoveredTopology discovered;
        try
        {
            using var connection = CloudConnection.Open(config, TimeProvider.System, new CloudCallOptions { Timeout = timeout });
            discovered = await TopologyDiscovery.DiscoverAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CloudFaultException or CloudConfigException)
        {
            await stderr.WriteLineAsync($"escalator: cannot read cloud '{config.DisplayName}': {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        var yaml = discovered.ToYaml();
        if (output is null)
        {
            await stdout.WriteAsync(yaml).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        if (!Arguments.TryWrite(output, yaml, stderr)) return ExitCodes.BadInput;
        var dc = discovered.DataCentre;
        await stdout.WriteLineAsync($"wrote {output} ({dc.Hosts.Length} hosts, {dc.Clusters.Length} clusters, {dc.Vnfs.Length} VNFs, "
            + $"{dc.Vnfs.Sum(v => v.Instances.Length)} instances) from cloud '{config.DisplayName}'").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
