using System.Net;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

/// <summary>Nova's actions, migrations and server groups: the request each makes and how waits end.</summary>
public sealed class NovaActionTests : FakeCloudTests
{
    [Theory]
    [InlineData(null, """{"os-migrateLive":{"host":null,"block_migration":"auto"}}""")]
    [InlineData("cmp-3", """{"os-migrateLive":{"host":"cmp-3","block_migration":"auto"}}""")]
    public async Task LiveMigrate_PostsActionWithHostAndAutoBlockMigration(string? host, string body)
    {
        Cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        await Nova.LiveMigrateAsync("s-1", host);

        var r = Only();
        Assert.Equal((HttpMethod.Post, "/v2.1/servers/s-1/action", body), (r.Method, r.PathAndQuery, r.Body));
        AssertMicroversion(r);
    }

    [Theory]
    [InlineData(null, """{"migrate":null}""")]
    [InlineData("cmp-2", """{"migrate":{"host":"cmp-2"}}""")]
    public async Task ColdMigrate_PostsMigrateWithOptionalHost(string? host, string body)
    {
        Cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        await Nova.ColdMigrateAsync("s-1", host);

        Assert.Equal(body, Only().Body);
    }

    [Fact]
    public async Task ConfirmResize_PostsConfirmResize()
    {
        Cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action", _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await Nova.ConfirmResizeAsync("s-1");

        Assert.Equal("""{"confirmResize":null}""", Only().Body);
    }

    [Fact]
    public async Task CreateServer_PinnedInAGroup_SendsHostNoNetworksAndSchedulerHint()
    {
        Cloud.OnJson("POST", FakeCloud.Nova + "/servers", """{"server": {"id": "new-1"}}""", HttpStatusCode.Accepted);

        var id = await Nova.CreateServerAsync(new ServerCreateRequest("a", "img-1", "escalator.tiny", "cmp-1", "g-1"));

        Assert.Equal("new-1", id);
        Assert.Equal("""{"server":{"name":"a","imageRef":"img-1","flavorRef":"escalator.tiny","networks":"none","host":"cmp-1"},"os:scheduler_hints":{"group":"g-1"}}""",
            Only().Body);
    }

    [Fact]
    public async Task DeleteServer_AlreadyGone_False()
    {
        Cloud.OnJson("DELETE", FakeCloud.Nova + "/servers/s-1", "{}", HttpStatusCode.NotFound);

        Assert.False(await Nova.DeleteServerAsync("s-1"));
        Assert.Equal(HttpMethod.Delete, Only().Method);
    }

    [Fact]
    public async Task ListMigrations_OfAServerAndType_NewestFirst()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-migrations", """
            {"migrations": [
              {"id": 7, "uuid": "m-7", "instance_uuid": "s-1", "status": "error", "migration_type": "live-migration", "source_compute": "cmp-1", "dest_compute": "cmp-2",
               "created_at": "2026-11-22T10:00:00.000000", "updated_at": "2026-11-22T10:01:00.000000"},
              {"id": 9, "uuid": "m-9", "instance_uuid": "s-1", "status": "running", "migration_type": "live-migration", "source_compute": "cmp-1", "dest_compute": "cmp-3",
               "created_at": "2026-11-22T11:00:00.000000", "updated_at": null}]}
            """);

        var migrations = await Nova.ListMigrationsAsync("s-1", "live-migration");

        Assert.Equal("/v2.1/os-migrations?instance_uuid=s-1&migration_type=live-migration", Only().PathAndQuery);
        Assert.Equal([9L, 7L], migrations.Select(m => m.Id));
        Assert.Equal(("running", "cmp-1", "cmp-3", false), (migrations[0].Status, migrations[0].SourceCompute, migrations[0].DestCompute, migrations[0].IsFinished));
        Assert.True(migrations[1] is { IsFinished: true, Succeeded: false });
    }

    [Fact]
    public async Task AbortLiveMigration_DeletesTheServersMigration()
    {
        Cloud.On("DELETE", FakeCloud.Nova + "/servers/s-1/migrations/9", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        await Nova.AbortLiveMigrationAsync("s-1", 9);

        var r = Only();
        Assert.Equal((HttpMethod.Delete, "/v2.1/servers/s-1/migrations/9"), (r.Method, r.PathAndQuery));
        AssertMicroversion(r);
    }

    [Fact]
    public async Task WaitForMigration_PollsUntilTheNewRecordEnds()
    {
        const string Old = """{"id": 3, "instance_uuid": "s-1", "status": "completed", "migration_type": "live-migration", "created_at": "2026-11-22T09:00:00"}""";
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations",
            _ => FakeCloud.Json(HttpStatusCode.OK, $$"""{"migrations": [{{Old}}]}"""),
            _ => FakeCloud.Json(HttpStatusCode.OK, $$"""{"migrations": [{"id": 4, "instance_uuid": "s-1", "status": "running", "migration_type": "live-migration", "created_at": "2026-11-22T12:00:00"}, {{Old}}]}"""),
            _ => FakeCloud.Json(HttpStatusCode.OK, $$"""{"migrations": [{"id": 4, "instance_uuid": "s-1", "status": "completed", "migration_type": "live-migration", "created_at": "2026-11-22T12:00:00"}, {{Old}}]}"""));

        var done = await Nova.WaitForMigrationAsync("s-1", "live-migration", afterId: 3, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));

        Assert.Equal((4L, "completed", true), (done.Id, done.Status, done.Succeeded));
        Assert.Equal(3, Cloud.Calls.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], Time.Waits);
    }

    [Fact]
    public async Task WaitForMigration_NeverEnds_TimesOutSayingItsStatus()
    {
        Cloud.OnJson("GET", FakeCloud.Nova + "/os-migrations",
            """{"migrations": [{"id": 4, "instance_uuid": "s-1", "status": "running", "migration_type": "live-migration"}]}""");

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() =>
            Nova.WaitForMigrationAsync("s-1", "live-migration", null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)));

        Assert.Equal("live-migration 4 of server s-1 is still running after 10 s", timeout.Message);
        Assert.Equal(6, Cloud.Calls.Count);
    }

    [Fact]
    public async Task ListServerGroups_AllProjects_PagesByOffsetAndReadsPolicy()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-server-groups",
            _ => FakeCloud.Json(HttpStatusCode.OK, """
                {"server_groups": [{"id": "g-1", "name": "mme", "policy": "anti-affinity", "rules": {"max_server_per_host": 1},
                  "members": ["s-1", "s-2"], "project_id": "p-9", "user_id": "u"}]}
                """),
            _ => FakeCloud.Json(HttpStatusCode.OK, """{"server_groups": []}"""));

        var group = Assert.Single(await Nova.ListServerGroupsAsync());

        Assert.Equal(["/v2.1/os-server-groups?all_projects=True&limit=1000&offset=0", "/v2.1/os-server-groups?all_projects=True&limit=1000&offset=1"],
            Cloud.Calls.Select(c => c.PathAndQuery));
        Assert.Equal(("g-1", "mme", "anti-affinity", "p-9"), (group.Id, group.Name, group.Policy, group.ProjectId));
        Assert.Equal(["s-1", "s-2"], group.Members.AsEnumerable());
        Assert.Equal("1", group.Rules["max_server_per_host"]);
    }

    [Fact]
    public async Task CreateServerGroup_PostsNameAndPolicy()
    {
        Cloud.OnJson("POST", FakeCloud.Nova + "/os-server-groups", """{"server_group": {"id": "g-2", "name": "pair", "policy": "anti-affinity", "members": []}}""");

        var group = await Nova.CreateServerGroupAsync("pair", "anti-affinity");

        Assert.Equal("""{"server_group":{"name":"pair","policy":"anti-affinity"}}""", Only().Body);
        Assert.Equal("g-2", group.Id);
    }

}
