using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Actions;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.Integration;

/// <summary>A campaign over the test cloud's three computes: a topology written for the servers a test booted, a rolling
/// campaign, the host commands, and a run through <see cref="OpenStackEngine"/> with a journal in a temporary file.</summary>
internal sealed class LiveRun : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("escalator-live-").FullName;

    public LiveRun(string topologyYaml, string campaignYaml, string actionsYaml)
    {
        var topology = TopologyLoader.Parse("topology.yaml", topologyYaml);
        Assert.True(topology.Ok, string.Join("\n", topology.Diagnostics) + "\n" + topologyYaml);
        var campaign = CampaignLoader.Parse("campaign.yaml", campaignYaml);
        Assert.True(campaign.Ok, string.Join("\n", campaign.Diagnostics) + "\n" + campaignYaml);
        var actionsPath = Path.Combine(_dir, "actions.yaml");
        File.WriteAllText(actionsPath, actionsYaml);
        File.WriteAllText(Path.Combine(_dir, "topology.yaml"), topologyYaml);
        File.WriteAllText(Path.Combine(_dir, "campaign.yaml"), campaignYaml);
        var actions = HostCommandsLoader.LoadFile(actionsPath);
        Assert.True(actions.Ok, string.Join("\n", actions.Diagnostics));
        Topology = topology.Value!;
        Campaign = campaign.Value!;
        Commands = actions.Value!;
        Plan = PlanExpander.Expand(Campaign, Topology);
        JournalPath = Path.Combine(_dir, "journal.db");
    }

    public DataCentre Topology { get; }

    public Campaign Campaign { get; }

    public HostCommands Commands { get; }

    public Plan Plan { get; }

    public string JournalPath { get; }

    public string Directory => _dir;

    public List<ExecutionEvent> Events { get; } = [];

    /// <summary>The hosts of the test cloud, written for a topology (capacity as Placement reports it, rounded down).</summary>
    public const string Hosts = """
        sites:
          - name: RegionOne
            zones:
              - name: nova
                racks:
                  - name: nova
                    hosts:
                      - {name: 'cmp-[1-3]', roles: [compute], capacity: {vcpu: 1000, ramGiB: 512, diskGiB: 10000, cpuOvercommit: 16, ramOvercommit: 1.5}, software: {host-os: 12.5.0, nova-compute: 26.0.0}}
        """;

    /// <summary>A rolling campaign of one compute at a time with the given procedure steps (YAML flow maps, one per line).</summary>
    public static string Rolling(string name, params string[] steps) => $$"""
        name: {{name}}
        targets: {host-os: 12.6.0}
        components:
          - name: host-os
            impact: {rebootHost: true, evacuate: true, functionLost: all VMs on the host, lostFor: 1m}
        stages:
          - name: computes
            scope: {roles: [compute]}
            components: [host-os]
            procedure: compute-host
            strategy:
              rolling: {maxUnavailable: 1}
        procedures:
          compute-host:
        {{string.Join("\n", steps.Select(s => $"    - {s}"))}}
        recovery: {retries: 2, rollback: none, maxFailures: 1}
        checks:
          upgraded: {command: "grep -qw -- {host} upgraded.log", timeout: 10s}
        """;

    public ExecutionResult Run(CloudConnection connection, ScriptedVnfm vnfm, string runId, TimeSpan? pollInterval = null)
    {
        var request = new ExecutionRequest(runId, Campaign, Topology, Plan, PlanJson.Write(Plan),
            new SafetyCheck(true, "not verified here: the solver's own tests prove plans"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var engine = new OpenStackEngine(connection, Commands, vnfm.Mailbox, vnfm.ReplyBase, http, pollInterval ?? LiveCloud.PollInterval);
        using var journal = CampaignJournal.Open(JournalPath, engine.Time);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return engine.Execute(request, journal, new ExecutionOptions("live-test:1", TimeSpan.FromMinutes(5)), e =>
        {
            lock (Events) Events.Add(e);
        }, bound.Token);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
