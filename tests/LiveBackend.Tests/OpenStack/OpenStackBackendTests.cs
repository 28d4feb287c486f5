using System.Collections.Immutable;
using System.Net;
using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Actions;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.OpenStack;

/// <summary>The executor's backend over the fake cloud: the HTTP conversation of each call (health, a host's compute service,
/// starting, following, confirming and aborting migrations). Polls wait on the instant clock, so they cost nothing.</summary>
public sealed partial class OpenStackBackendTests : FakeCloudTests
{
    private const string OldRecord =
        """{"id": 3, "instance_uuid": "s-1", "status": "completed", "migration_type": "live-migration", "created_at": "2026-11-22T09:00:00"}""";

    private static readonly ServerInfo Mme = new("s-1", "mme-1", new HostId("cmp-1"), "ACTIVE");

    private static readonly Campaign NoChecks = new("c", null, null, ImmutableSortedDictionary<string, SemVersion>.Empty, [], [], [],
        RecoveryPolicy.Default, []);

    /// <summary>For the campaign's URL checks, of which these tests have none.</summary>
    private static readonly HttpClient NoHttp = new();

    private OpenStackBackend Backend => new(Connection, new HostActionRunner(HostCommands.None, NoChecks, NoHttp), TimeSpan.FromSeconds(2));

    [Fact]
    public void Cloud_IdentityUrlAndRegion()
    {
        Assert.Equal("http://keystone.test/v3 region RegionOne", Backend.Cloud);
    }

    [Fact]
    public async Task CheckHealth_ServicesDownDisabledComputesServersInErrorAndFreeCapacityOfEnabledComputes()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """
            {"services": [
              {"id": "c", "binary": "nova-conductor", "host": "ctl-1", "zone": "internal", "status": "enabled", "state": "down"},
              {"id": "1", "binary": "nova-compute", "host": "cmp-1", "zone": "az1", "status": "enabled", "state": "up"},
              {"id": "2", "binary": "nova-compute", "host": "cmp-2", "zone": "az1", "status": "disabled", "state": "up", "disabled_reason": "escalator: run-0 wave 1"},
              {"id": "3", "binary": "nova-compute", "host": "cmp-3", "zone": "az1", "status": "enabled", "state": "down"},
              {"id": "4", "binary": "nova-compute", "host": "cmp-4", "zone": "az1", "status": "enabled", "state": "up"},
              {"id": "5", "binary": "nova-compute", "host": "cmp-5", "zone": "az1", "status": "disabled", "state": "down"}]}
            """);
        Cloud.OnJson("GET", FakeCloud.Nova + "/servers/detail", """
            {"servers": [
              {"id": "s-1", "name": "mme-1", "status": "ACTIVE", "OS-EXT-SRV-ATTR:host": "cmp-1"},
              {"id": "s-2", "name": "sbc-1", "status": "ERROR", "OS-EXT-SRV-ATTR:host": "cmp-1", "fault": {"message": "No valid host was found."}},
              {"id": "s-3", "name": "lost", "status": "error", "OS-EXT-SRV-ATTR:host": null}]}
            """);
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-hypervisors/detail", """
            {"hypervisors": [
              {"id": "n1", "hypervisor_hostname": "cmp-1.lab", "service": {"host": "cmp-1"}},
              {"id": "n2", "hypervisor_hostname": "cmp-2.lab", "service": {"host": "cmp-2"}},
              {"id": "n3", "hypervisor_hostname": "cmp-3.lab", "service": {"host": "cmp-3"}},
              {"id": "n4", "hypervisor_hostname": "cmp-4.lab", "service": {"host": "cmp-4"}}]}
            """);
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers", """
            {"resource_providers": [{"uuid": "n1", "name": "cmp-1.lab"}, {"uuid": "n2", "name": "cmp-2.lab"}, {"uuid": "n3", "name": "cmp-3.lab"},
              {"uuid": "n4", "name": "cmp-4.lab"}]}
            """);
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers/n1/inventories", """
            {"inventories": {"VCPU": {"total": 48, "reserved": 2, "allocation_ratio": 4.0},
              "MEMORY_MB": {"total": 262656, "reserved": 512, "allocation_ratio": 1.5}, "DISK_GB": {"total": 2000, "reserved": 0, "allocation_ratio": 1.0}}}
            """);
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers/n1/usages", """{"usages": {"VCPU": 10, "MEMORY_MB": 8192, "DISK_GB": 40}}""");
        // cmp-4 is overcommitted beyond its allocation ratio (an operator lowered it): it adds nothing rather than a negative amount.
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers/n4/inventories", """
            {"inventories": {"VCPU": {"total": 8, "reserved": 0, "allocation_ratio": 1.0}, "MEMORY_MB": {"total": 16384, "reserved": 0, "allocation_ratio": 1.0}}}
            """);
        Cloud.OnJson("GET", FakeCloud.Placement + "/resource_providers/n4/usages", """{"usages": {"VCPU": 12, "MEMORY_MB": 4096}}""");

        var health = await Backend.CheckHealthAsync(CancellationToken.None);

        Assert.Equal(["nova-conductor@ctl-1", "nova-compute@cmp-3", "nova-compute@cmp-5"], health.ServicesDown);
        Assert.Equal([new HostService(new HostId("cmp-2"), false, true, "escalator: run-0 wave 1"), new HostService(new HostId("cmp-5"), false, false, null)],
            health.DisabledHosts);
        Assert.Equal(["sbc-1 (s-2) on cmp-1: No valid host was found.", "lost (s-3) on no host"], health.ServersInError);
        Assert.Equal(((262656 - 512) * 1.5 - 8192 + (16384 - 4096)) / 1024.0, health.FreeRamGiB, 9);
        Assert.Equal(46 * 4 - 10 + 0, health.FreeVcpu, 9);
        Assert.Equal(["/resource_providers/n1/inventories", "/resource_providers/n1/usages", "/resource_providers/n4/inventories", "/resource_providers/n4/usages"],
            Cloud.Calls.Select(c => c.PathAndQuery).Where(p => p.StartsWith("/resource_providers/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SetHostEnabled_Disable_PutsTheHostsComputeServiceWithTheReason()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """{"services": [{"id": "svc-2", "binary": "nova-compute", "host": "cmp-2", "status": "enabled", "state": "up"}]}""");
        Cloud.OnJson("PUT", FakeCloud.Nova + "/os-services/svc-2", """{"service": {"id": "svc-2", "binary": "nova-compute", "host": "cmp-2", "status": "disabled"}}""");

        await Backend.SetHostEnabledAsync(new HostId("cmp-2"), enabled: false, "escalator: run-1 wave 2", 0, CancellationToken.None);

        Assert.Equal([(HttpMethod.Get, "/v2.1/os-services?binary=nova-compute&host=cmp-2", null), (HttpMethod.Put, "/v2.1/os-services/svc-2",
            """{"status":"disabled","disabled_reason":"escalator: run-1 wave 2"}""")], Cloud.Calls.Select(c => (c.Method, c.PathAndQuery, c.Body)));
        AssertMicroversion(Cloud.Calls[1]);
    }

    [Fact]
    public async Task SetHostEnabled_Enable_PutsEnabledWithoutAReason()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """{"services": [{"id": "svc-2", "binary": "nova-compute", "host": "cmp-2", "status": "disabled", "state": "up"}]}""");
        Cloud.OnJson("PUT", FakeCloud.Nova + "/os-services/svc-2", """{"service": {"id": "svc-2", "status": "enabled"}}""");

        await Backend.SetHostEnabledAsync(new HostId("cmp-2"), enabled: true, "ignored", 0, CancellationToken.None);

        Assert.Equal("""{"status":"enabled"}""", Cloud.Calls[^1].Body);
    }

    [Fact]
    public async Task SetHostEnabled_HostWithoutNovaCompute_BackendFaultAndNothingChanged()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """{"services": []}""");

        var e = await Assert.ThrowsAsync<BackendFault>(() => Backend.SetHostEnabledAsync(new HostId("ctl-1"), false, "x", 0, CancellationToken.None));

        Assert.Equal("the cloud has no nova-compute service on host ctl-1 (is the topology's host name Nova's?)", e.Message);
        Assert.DoesNotContain(Cloud.Calls, c => c.Method == HttpMethod.Put);
    }

    [Fact]
    public async Task ServersOn_TheHostsServersOfEveryProject()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/servers/detail", """
            {"servers": [{"id": "s-1", "name": "mme-1", "status": "ACTIVE", "OS-EXT-SRV-ATTR:host": "cmp-1"},
              {"id": "s-4", "name": "web", "status": "MIGRATING", "OS-EXT-SRV-ATTR:host": null}]}
            """);

        var servers = await Backend.ServersOnAsync(new HostId("cmp-1"), CancellationToken.None);

        Assert.Equal("/v2.1/servers/detail?all_tenants=1&host=cmp-1", Only().PathAndQuery);
        Assert.Equal([Mme, new ServerInfo("s-4", "web", new HostId("cmp-1"), "MIGRATING")], servers);
    }

    [Fact]
    public async Task StartMigration_Live_PostsMigrateLiveToTheHostAndTicketsTheNewRecord()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations",
            _ => MigrationsJson(OldRecord),
            _ => MigrationsJson(OldRecord),
            _ => MigrationsJson(Record(4, "queued"), OldRecord));
        Cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        var ticket = await Backend.StartMigrationAsync(new MigrationRequest(Mme, MigrationMode.Live, new HostId("cmp-3")), CancellationToken.None);

        Assert.Equal(new MigrationTicket(Mme, MigrationMode.Live, "4"), ticket);
        Assert.Equal(
            [
                "GET /v2.1/os-migrations?instance_uuid=s-1&migration_type=live-migration",
                """POST /v2.1/servers/s-1/action {"os-migrateLive":{"host":"cmp-3","block_migration":"auto"}}""",
                "GET /v2.1/os-migrations?instance_uuid=s-1&migration_type=live-migration",
                "GET /v2.1/os-migrations?instance_uuid=s-1&migration_type=live-migration",
            ],
            Cloud.Calls.Select(c => $"{c.Method} {c.PathAndQuery}{(c.Body is null ? "" : " " + c.Body)}"));
        Assert.Equal([TimeSpan.FromSeconds(2)], Time.Waits);
    }

    [Fact]
    public async Task StartMigration_ColdToTheSchedulersChoice_PostsMigrateAndFollowsColdRecords()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations",
            _ => MigrationsJson(),
            _ => MigrationsJson(Record(1, "pre-migrating", "migration")));
        Cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        var ticket = await Backend.StartMigrationAsync(new MigrationRequest(Mme, MigrationMode.Cold, null), CancellationToken.None);

        Assert.Equal(new MigrationTicket(Mme, MigrationMode.Cold, "1"), ticket);
        Assert.Equal("""{"migrate":null}""", Cloud.Calls.Single(c => c.Method == HttpMethod.Post).Body);
        Assert.All(Cloud.Calls.Where(c => c.Method == HttpMethod.Get),
            c => Assert.Equal("/v2.1/os-migrations?instance_uuid=s-1&migration_type=migration", c.PathAndQuery));
    }

    [Fact]
    public async Task StartMigration_NovaRefuses_TheCloudsFaultAndNoWait()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations", _ => MigrationsJson(OldRecord));
        Cloud.OnJson("POST", FakeCloud.Nova + "/servers/s-1/action", """{"badRequest": {"message": "Compute service of cmp-9 is unavailable at this time."}}""",
            HttpStatusCode.BadRequest);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() =>
            Backend.StartMigrationAsync(new MigrationRequest(Mme, MigrationMode.Live, new HostId("cmp-9")), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, fault.Status);
        Assert.Contains("Compute service of cmp-9 is unavailable", fault.Message, StringComparison.Ordinal);
        Assert.Equal(2, Cloud.Calls.Count);
    }

    [Fact]
    public async Task RunAction_VerifyOfACompute_WaitsForItsNovaComputeToReportUp()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-services",
            _ => ServicesJson("down"),
            _ => ServicesJson("down"),
            _ => ServicesJson("up"));

        var result = await Backend.RunActionAsync(new HostAction(StepAction.Verify, "cmp-1", "run-1", 1, ImmutableDictionary<string, string>.Empty, 5),
            CancellationToken.None);

        Assert.Equal(ActionResult.Success, result);
        Assert.Equal(3, Cloud.Calls.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], Time.Waits);
    }

    [Fact]
    public async Task RunAction_VerifyOfAStageWideTarget_NoWait()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-services", """{"services": []}""");

        var result = await Backend.RunActionAsync(new HostAction(StepAction.Verify, "computes", "run-1", 1, ImmutableDictionary<string, string>.Empty, 5),
            CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal("/v2.1/os-services?binary=nova-compute&host=computes", Only().PathAndQuery);
    }

    private static string Record(long id, string status, string type = "live-migration") =>
        $$"""{"id": {{id}}, "instance_uuid": "s-1", "status": "{{status}}", "migration_type": "{{type}}", "source_compute": "cmp-1", "created_at": "2026-11-22T12:00:0{{id}}"}""";

    private static HttpResponseMessage MigrationsJson(params string[] records) =>
        FakeCloud.Json(HttpStatusCode.OK, $$"""{"migrations": [{{string.Join(", ", records)}}]}""");

    private static HttpResponseMessage ServerJson(string status, string host, string? fault = null) =>
        FakeCloud.Json(HttpStatusCode.OK, "{\"server\": {\"id\": \"s-1\", \"name\": \"mme-1\", \"status\": \"" + status + "\", \"OS-EXT-SRV-ATTR:host\": \"" + host + "\""
            + (fault is null ? "" : ", \"fault\": {\"message\": \"" + fault + "\"}") + "}}");

    private static HttpResponseMessage ServicesJson(string state) =>
        FakeCloud.Json(HttpStatusCode.OK, $$"""{"services": [{"id": "svc-1", "binary": "nova-compute", "host": "cmp-1", "status": "disabled", "state": "{{state}}"}]}""");
}
