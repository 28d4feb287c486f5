using Escalator.Cli.Commands;
using Escalator.LiveBackend.Coordination;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Actions;
using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;

namespace Escalator.Cli.Running;

/// <summary>Runs a campaign on a live OpenStack cloud: the cloud from clouds.yaml or <c>OS_*</c>, the host commands from
/// the actions file, and a durable journal in the state directory unless <c>--journal</c> names another.</summary>
internal static class LiveRunner
{
    public static int Run(ExecutionRequest request, LiveRunOptions live, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (CloudOptions.Resolve(live.Cloud, live.CloudsYaml, stderr) is not { } config) return ExitCodes.BadInput;
        var upgrades = request.Plan.Waves.Any(w => w.Steps.Any(s => s.Action == StepAction.Upgrade));
        if (LoadCommands(live.Actions, upgrades, stderr) is not { } commands) return ExitCodes.BadInput;
        if (AwaitedVnfms(request) is { Count: > 0 } awaited)
        {
            stderr.WriteLine($"escalator: the plan waits for replies from the VNFMs of {string.Join(", ", awaited)}, which reach Escalator's API: "
                + "run the campaign through `escalator serve` with the same cloud");
            return ExitCodes.BadInput;
        }
        using var connection = CloudConnection.Open(config, TimeProvider.System, new CloudCallOptions { Timeout = live.CallTimeout });
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var engine = new OpenStackEngine(connection, commands, new VnfmMailbox(), new Uri("http://127.0.0.1/v1/maintenance/"), http);
        var journal = options.Journal ?? Path.Combine(CloudOptions.StateDirectory(), "journal.db");
        stderr.WriteLine($"escalator: running on {config}; journal {journal}");
        return Runner.Run(engine, request, journal, options, stdout, stderr);
    }

    /// <summary>The host commands, or null after saying what is wrong; <paramref name="needUpgrade"/>: an upgrade command is required.</summary>
    internal static HostCommands? LoadCommands(string? path, bool needUpgrade, TextWriter stderr)
    {
        if (path is null)
        {
            if (!needUpgrade) return HostCommands.None;
            stderr.WriteLine("escalator: a run on a live cloud needs the commands that upgrade a host: --actions FILE "
                + "(YAML with at least 'upgrade: COMMAND', e.g. upgrade: ansible-playbook upgrade.yml --limit {host})");
            return null;
        }
        var loaded = HostCommandsLoader.LoadFile(path);
        foreach (var d in loaded.Diagnostics) stderr.WriteLine(d);
        if (!loaded.Ok) return null;
        if (needUpgrade && loaded.Value!.For("upgrade") is null)
        {
            stderr.WriteLine($"escalator: {path}: hosts are to be upgraded, and the file gives no 'upgrade' command (found: {string.Join(", ", loaded.Value.Commands.Keys)})");
            return null;
        }
        return loaded.Value;
    }

    /// <summary>The coordinated VNFs whose replies the plan waits for.</summary>
    private static List<string> AwaitedVnfms(ExecutionRequest request)
    {
        var waits = request.Campaign.Procedures.SelectMany(p => p.Steps)
            .Any(s => s.Action == StepAction.Switchover || (s.Action == StepAction.Notify && s.WaitReply));
        return waits ? [.. request.Topology.Vnfs.Where(v => v.Coordination.Coordinated).Select(v => v.Id.Name)] : [];
    }
}

/// <summary>What <c>escalator run</c> needs for a live cloud.</summary>
/// <param name="Actions">The host commands file, or null.</param>
internal sealed record LiveRunOptions(string? Cloud, string? CloudsYaml, string? Actions, TimeSpan CallTimeout);
