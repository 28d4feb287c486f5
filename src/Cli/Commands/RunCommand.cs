using System.CommandLine;
using Escalator.Cli.Running;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.Simulated;
using Escalator.Model.Pipeline;
using Escalator.Model.Plans;
using Escalator.Solver.Pipeline;
using Escalator.Solver.Verification;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator run TOPOLOGY CAMPAIGN [--os-cloud NAME --actions FILE] [--journal FILE] [--run-id ID] [--override-verdict]
/// [--log FILE] [--suspend | --abort]</c>: performs a verified campaign on the simulated data centre or a live OpenStack cloud,
/// journaling every step; run again to resume.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = Arguments.Files();
        var journal = new Option<string?>("--journal")
        {
            Description = "the journal (SQLite); default: a temporary one on the simulated data centre, $XDG_STATE_HOME/escalator/journal.db on a cloud",
            HelpName = "FILE",
        };
        var cloud = CloudOptions.OsCloud();
        cloud.Description = "run on this live OpenStack cloud (its name in clouds.yaml) instead of the simulated data centre";
        var cloudsYaml = CloudOptions.CloudsYaml();
        var actions = new Option<string?>("--actions")
        {
            Description = "live cloud: the commands that back up, upgrade, verify and roll back a host (YAML; {host} and {components} are filled in)",
            HelpName = "FILE",
        };
        var live = new Option<bool>("--live") { Description = "run on the live cloud of the OS_* variables (implied by --os-cloud)" };
        var callTimeout = new Option<string>("--call-timeout")
        {
            Description = "live cloud: the longest one API call may wait for an answer (default 30s); transient faults are retried",
            DefaultValueFactory = _ => "30s",
            HelpName = "DURATION",
        };
        var runId = new Option<string?>("--run-id") { Description = "the run's name in the journal (default: the campaign's name)", HelpName = "ID" };
        var overrideVerdict = new Option<bool>("--override-verdict") { Description = "run a plan the solver did not prove safe (logged)" };
        var log = new Option<string?>("--log") { Description = "append the structured log (JSON lines) to FILE", HelpName = "FILE" };
        var suspend = new Option<bool>("--suspend") { Description = "ask the run to stop at its next step boundary, resumable (needs --journal)" };
        var abort = new Option<bool>("--abort") { Description = "ask the run to stop at its next step boundary and enable what it disabled (needs --journal)" };
        var seed = Arguments.Seed();
        var faults = new Option<bool>("--faults") { Description = "simulated backend: draw the campaign's fault rates" };
        var timeout = Arguments.Timeout();
        var command = new Command("run",
            "Perform a campaign on the simulated data centre (in virtual time) or a live OpenStack cloud, journaling every step; run again to resume.")
        {
            files, cloud, cloudsYaml, live, actions, callTimeout, journal, runId, overrideVerdict, log, suspend, abort, seed, faults, timeout,
        };
        command.SetAction(parse =>
        {
            var options = new RunOptions(parse.GetValue(journal), parse.GetValue(runId), parse.GetValue(overrideVerdict), parse.GetValue(log),
                parse.GetValue(seed), parse.GetValue(faults));
            if (parse.GetValue(suspend) || parse.GetValue(abort))
            {
                return Control(options, parse.GetValue(files)!, parse.GetValue(abort) ? ControlRequest.Abort : ControlRequest.Suspend, stdout, stderr);
            }
            var inputs = CampaignInputs.Load(parse.GetValue(files)!, campaignRequired: true);
            var code = inputs.Report(stderr);
            if (code != ExitCodes.Ok) return code;
            if (Arguments.ParseTimeout(parse.GetValue(timeout), stderr) is not { } limit) return ExitCodes.BadInput;
            var expanded = inputs.Expand();
            var report = CampaignVerifier.Verify(expanded, new VerifyOptions(limit));
            var safety = new SafetyCheck(report.Result.IsSafe, report.Summary, options.OverrideVerdict);
            var (campaign, plan) = (expanded.Campaign, expanded.Plan);
            var request = new ExecutionRequest(options.RunId ?? campaign.Name, campaign, expanded.Topology, plan, PlanJson.Write(plan), safety);
            if (parse.GetValue(cloud) is not null || parse.GetValue(live))
            {
                if (Arguments.ParseTimeout(parse.GetValue(callTimeout), stderr, "--call-timeout") is not { } perCall) return ExitCodes.BadInput;
                return LiveRunner.Run(request, new LiveRunOptions(parse.GetValue(cloud), parse.GetValue(cloudsYaml), parse.GetValue(actions), perCall),
                    options, stdout, stderr);
            }
            var engine = new SimulatedEngine(TimeProvider.System.GetUtcNow(), options.Seed, options.Faults);
            return Runner.Run(engine, request, options.Journal, options, stdout, stderr);
        });
        return command;
    }

    /// <summary>Writes an operator's request into the journal, where the running executor reads it between steps.</summary>
    private static int Control(RunOptions options, string[] files, ControlRequest request, TextWriter stdout, TextWriter stderr)
    {
        if (options.Journal is not { } path || !File.Exists(path))
        {
            stderr.WriteLine($"escalator: --{request.ToString().ToLowerInvariant()} needs the running campaign's journal: --journal FILE (found: {options.Journal ?? "none"})");
            return ExitCodes.BadInput;
        }
        using var journal = CampaignJournal.Open(path, TimeProvider.System);
        var id = options.RunId ?? journal.Runs().FirstOrDefault(r => r.State is RunState.Running or RunState.Suspended).Campaign;
        if (id is null || journal.StateOfRun(id) is not (RunState.Running or RunState.Suspended))
        {
            stderr.WriteLine($"escalator: no running or suspended run{(id is null ? "" : $" '{id}'")} in {path} (files: {string.Join(" ", files)})");
            return ExitCodes.BadInput;
        }
        journal.RequestControl(id, request);
        stdout.WriteLine($"asked run '{id}' to {request.ToString().ToLowerInvariant()} at its next step boundary");
        return ExitCodes.Ok;
    }
}

/// <summary>What <c>escalator run</c> was asked for.</summary>
internal sealed record RunOptions(string? Journal, string? RunId, bool OverrideVerdict, string? Log, int Seed, bool Faults);
