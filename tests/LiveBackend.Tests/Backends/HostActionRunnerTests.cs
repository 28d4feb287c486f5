using System.Collections.Immutable;
using System.Net;
using Escalator.LiveBackend.Backends;
using Escalator.Model.Actions;
using Escalator.Model.Campaigns;

namespace Escalator.LiveBackend.Tests.Backends;

/// <summary>The operator's command templates run per action (placeholders, environment, which template a rollback runs)
/// and a verify step's checks (commands and HTTP probes answered by a stub handler).</summary>
public sealed partial class HostActionRunnerTests : IDisposable
{
    private static readonly ImmutableDictionary<string, string> Components =
        ImmutableDictionary<string, string>.Empty.Add("nova", "27.1.0").Add("host-os", "12.6.0");

    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-actions-").FullName;
    private readonly Probe _probe = new();
    private readonly HttpClient _http;

    /// <summary>Bounds a command that should end by itself, so a hang fails the test rather than stalling the run.</summary>
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(30));

    public HostActionRunnerTests() => _http = new HttpClient(_probe);

    [Fact]
    public async Task RunAsync_Upgrade_EveryPlaceholderReplacedByItsValueQuoted()
    {
        var runner = Runner("upgrade: printf '%s|' {host} {components} {campaign} {wave} {action}");

        var result = await runner.RunAsync(Action(StepAction.Upgrade), _bound.Token);

        Assert.Equal(new ActionResult(true, null, "cmp-1|host-os=12.6.0 nova=27.1.0|run-7|2|upgrade|"), result);
    }

    [Fact]
    public async Task RunAsync_Upgrade_ValuesInTheEnvironmentWithTheFilesOwn()
    {
        var runner = Runner("""
            upgrade: printf '%s|' "$ESCALATOR_HOST" "$ESCALATOR_COMPONENTS" "$ESCALATOR_CAMPAIGN" "$ESCALATOR_WAVE" "$ESCALATOR_ACTION" "$REGION"
            env: {REGION: one}
            """);

        var result = await runner.RunAsync(Action(StepAction.Upgrade), _bound.Token);

        Assert.Equal("cmp-1|host-os=12.6.0 nova=27.1.0|run-7|2|upgrade|one|", result.Output);
    }

    [Fact]
    public async Task RunAsync_ShellVariableSyntax_LeftToTheShell()
    {
        var runner = Runner("upgrade: host=shells-own; printf '%s|' \"${host}\" \"${ESCALATOR_HOST}\" {host}");

        var result = await runner.RunAsync(Action(StepAction.Upgrade), _bound.Token);

        Assert.Equal("shells-own|cmp-1|cmp-1|", result.Output);
    }

    [Fact]
    public async Task RunAsync_ValuesWithQuotesAndPlaceholders_PassedVerbatimNeverRunByTheShell()
    {
        var runner = Runner("upgrade: printf '%s|' {host} {campaign}");
        var action = Action(StepAction.Upgrade, target: "stage {campaign} it's") with { Campaign = "$(touch pwned) {wave}" };

        var result = await runner.RunAsync(action, _bound.Token);

        Assert.Equal("stage {campaign} it's|$(touch pwned) {wave}|", result.Output);
        Assert.False(File.Exists(Path.Combine(_dir, "pwned")), "a value was run as a command");
    }

    [Fact]
    public async Task RunAsync_InTheWorkingDirectoryOfTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "playbooks"));
        var runner = Runner("upgrade: pwd\nworkdir: playbooks");

        var result = await runner.RunAsync(Action(StepAction.Upgrade), _bound.Token);

        Assert.Equal(Path.Combine(_dir, "playbooks"), result.Output);
    }

    [Fact]
    public async Task RunAsync_NoTemplateForTheAction_SucceedsWithNoOutput()
    {
        var runner = Runner("upgrade: echo never > ran");

        var result = await runner.RunAsync(Action(StepAction.Backup), _bound.Token);

        Assert.Equal(new ActionResult(true, null, ""), result);
        Assert.False(File.Exists(Path.Combine(_dir, "ran")));
    }

    [Fact]
    public async Task RunAsync_CommandFails_SaysWhichWithItsExitCodeAndKeepsTheOutput()
    {
        var runner = Runner("upgrade: echo 'disk full' >&2; exit 4");

        var result = await runner.RunAsync(Action(StepAction.Upgrade), _bound.Token);

        Assert.Equal(new ActionResult(false, "the upgrade command exited with 4", "disk full"), result);
    }

    [Fact]
    public async Task RunAsync_CommandCannotStart_TheReasonIsTheError()
    {
        var commands = Commands("upgrade: true") with { WorkingDirectory = Path.Combine(_dir, "gone") };
        var runner = new HostActionRunner(commands, CampaignWith(), _http);

        var result = await runner.RunAsync(Action(StepAction.Upgrade), _bound.Token);

        Assert.False(result.Ok);
        Assert.StartsWith("could not start /bin/sh in ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StepAction.Backup, "backup")]
    [InlineData(StepAction.Build, "build")]
    [InlineData(StepAction.TransferState, "transfer")]
    [InlineData(StepAction.Cutover, "cutover")]
    [InlineData(StepAction.Retire, "retire")]
    public async Task RunAsync_EachAction_RunsItsOwnTemplate(StepAction step, string name)
    {
        var runner = Runner(string.Join("\n", HostCommands.Actions.Select(a => $"{a}: echo {a} {{action}}")));

        var result = await runner.RunAsync(Action(step), _bound.Token);

        Assert.Equal($"{name} {name}", result.Output);
    }

    [Theory]
    [InlineData("restore", true, "restore")]
    [InlineData("restore", false, "rollback")]
    [InlineData("graceful", true, "rollback")]
    [InlineData("none", true, "rollback")]
    public async Task RunAsync_Rollback_RestoreOnlyWhenTheCampaignRestoresAndOneIsGiven(string mode, bool restoreGiven, string ran)
    {
        var yaml = "upgrade: echo upgrade\nrollback: echo rollback {action} {components}" + (restoreGiven ? "\nrestore: echo restore {action} {components}" : "");
        var runner = new HostActionRunner(Commands(yaml), CampaignWith(rollback: mode), _http);

        var result = await runner.RunAsync(Action(StepAction.Upgrade) with { Rollback = true }, _bound.Token);

        Assert.Equal($"{ran} {ran} host-os=12.6.0 nova=27.1.0", result.Output);
    }

    private HostActionRunner Runner(string commandsYaml) => new(Commands(commandsYaml), CampaignWith(), _http);

    private HostCommands Commands(string yaml)
    {
        var loaded = HostCommandsLoader.Parse(Path.Combine(_dir, "actions.yaml"), yaml);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics));
        return loaded.Value!;
    }

    private static HostAction Action(StepAction step, string target = "cmp-1") => new(step, target, "run-7", 2, Components, 60);

    private static Campaign CampaignWith(string rollback = "restore")
    {
        var yaml = $$$"""
            name: nightly
            targets: {host-os: 12.6.0, nova: 27.1.0}
            components:
              - {name: host-os, impact: {rebootHost: true, evacuate: true, functionLost: all VMs on the host, lostFor: 1m}}
              - {name: nova}
            stages:
              - name: computes
                scope: {roles: [compute]}
                components: [host-os, nova]
                procedure: compute-host
                strategy:
                  rolling: {maxUnavailable: 1}
            procedures:
              compute-host:
                - {action: backup, expected: 1s, timeout: 1m, onTimeout: abort}
                - {action: upgrade, expected: 1s, timeout: 1m, onTimeout: abort}
                - {action: verify, checks: [marked, probe, slow], expected: 1s, timeout: 1m, onTimeout: abort}
            recovery: {retries: 0, rollback: {{{rollback}}}, maxFailures: 1}
            checks:
              marked: {command: "if test -e {host}.ok; then echo marked {host}; else echo missing {host}; exit 1; fi", timeout: 10s}
              probe: {url: "http://probe.test/health/{host}", expectStatus: 204, timeout: 10s}
              slow: {url: "http://slow.test/", timeout: 200ms}
            """;
        var loaded = CampaignLoader.Parse("campaign.yaml", yaml);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics));
        return loaded.Value!;
    }

    public void Dispose()
    {
        _http.Dispose();
        _bound.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>An HTTP endpoint for URL checks: answers with <see cref="Answer"/> (null: never, until cancelled).</summary>
    private sealed class Probe : HttpMessageHandler
    {
        private readonly Lock _gate = new();
        private readonly List<HttpRequestMessage> _requests = [];

        public Func<HttpRequestMessage, HttpResponseMessage?> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.OK);

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<HttpRequestMessage> Requests
        {
            get
            {
                lock (_gate) return [.. _requests];
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_gate) _requests.Add(request);
            Arrived.TrySetResult();
            if (Answer(request) is { } response) return response;
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("a cancelled delay returned");
        }
    }
}
