using System.Collections.Immutable;
using System.Net;
using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.OpenStack;
using Escalator.Model.Actions;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed partial class OpenStackBackendTests
{
    [Fact]
    public async Task WaitMigration_LiveCompleted_CompletedOnTheNewHost()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations",
            _ => MigrationsJson(Record(4, "running"), OldRecord),
            _ => MigrationsJson(Record(4, "completed"), OldRecord));
        Cloud.On("GET", FakeCloud.Nova + "/servers/s-1",
            _ => ServerJson("MIGRATING", "cmp-1"),
            _ => ServerJson("ACTIVE", "cmp-3"));

        var result = await Backend.WaitMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, "4"), CancellationToken.None);

        Assert.Equal(new MigrationResult(true, new HostId("cmp-3"), null), result);
        Assert.Equal(4, Cloud.Calls.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], Time.Waits);
    }

    [Fact]
    public async Task WaitMigration_ServerShowsTheNewHostBeforeTheRecordCompletes_WaitsForTheRecord()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations",
            _ => MigrationsJson(Record(4, "running")),
            _ => MigrationsJson(Record(4, "completed")));
        Cloud.On("GET", FakeCloud.Nova + "/servers/s-1", _ => ServerJson("ACTIVE", "cmp-3"));

        var result = await Backend.WaitMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, "4"), CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(2, Cloud.Calls.Count(c => c.Url.AbsolutePath.EndsWith("/os-migrations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WaitMigration_RecordInError_NotCompletedWithTheReasonAndTheSource()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations", _ => MigrationsJson(Record(4, "error"), OldRecord));
        Cloud.On("GET", FakeCloud.Nova + "/servers/s-1", _ => ServerJson("ACTIVE", "cmp-1", fault: "Migration pre-check error: no room"));

        var result = await Backend.WaitMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, "4"), CancellationToken.None);

        Assert.Equal(new MigrationResult(false, new HostId("cmp-1"), "Nova's migration 4 ended error: Migration pre-check error: no room"), result);
    }

    [Fact]
    public async Task WaitMigration_ServerInErrorAfterTheRecordCompleted_NotCompletedSayingSo()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations", _ => MigrationsJson(Record(4, "completed"), OldRecord));
        Cloud.On("GET", FakeCloud.Nova + "/servers/s-1", _ => ServerJson("ERROR", "cmp-3", fault: "post live migration failed"));

        var result = await Backend.WaitMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, "4"), CancellationToken.None);

        Assert.Equal(new MigrationResult(false, new HostId("cmp-3"), "the server went to ERROR: post live migration failed"), result);
    }

    [Fact]
    public async Task WaitMigration_ColdFinishedInVerifyResize_ConfirmsThenCompleted()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations",
            _ => MigrationsJson(Record(8, "migrating", "migration")),
            _ => MigrationsJson(Record(8, "finished", "migration")),
            _ => MigrationsJson(Record(8, "confirming", "migration")),
            _ => MigrationsJson(Record(8, "confirmed", "migration")));
        Cloud.On("GET", FakeCloud.Nova + "/servers/s-1",
            _ => ServerJson("RESIZE", "cmp-1"),
            _ => ServerJson("VERIFY_RESIZE", "cmp-2"),
            _ => ServerJson("VERIFY_RESIZE", "cmp-2"),
            _ => ServerJson("ACTIVE", "cmp-2"));
        Cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action", _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        var result = await Backend.WaitMigrationAsync(new MigrationTicket(Mme, MigrationMode.Cold, "8"), CancellationToken.None);

        Assert.Equal(new MigrationResult(true, new HostId("cmp-2"), null), result);
        Assert.Equal(
            [
                "GET /v2.1/os-migrations?instance_uuid=s-1&migration_type=migration", "GET /v2.1/servers/s-1",
                "GET /v2.1/os-migrations?instance_uuid=s-1&migration_type=migration", "GET /v2.1/servers/s-1",
                """POST /v2.1/servers/s-1/action {"confirmResize":null}""",
                "GET /v2.1/os-migrations?instance_uuid=s-1&migration_type=migration", "GET /v2.1/servers/s-1",
                "GET /v2.1/os-migrations?instance_uuid=s-1&migration_type=migration", "GET /v2.1/servers/s-1",
            ],
            Cloud.Calls.Select(c => $"{c.Method} {c.PathAndQuery}{(c.Body is null ? "" : " " + c.Body)}"));
    }

    [Fact]
    public async Task WaitMigration_Cancelled_StopsWaitingWithoutAborting()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations", _ => MigrationsJson(Record(4, "running")));
        using var step = new CancellationTokenSource();
        Cloud.On("GET", FakeCloud.Nova + "/servers/s-1", _ => ServerJson("MIGRATING", "cmp-1"), _ =>
        {
            step.Cancel();
            return ServerJson("MIGRATING", "cmp-1");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Backend.WaitMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, "4"), step.Token));

        Assert.DoesNotContain(Cloud.Calls, c => c.Method == HttpMethod.Delete);
    }

    [Fact]
    public async Task AbortMigration_Live_DeletesTheServersMigrationRecord()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations", _ => MigrationsJson(Record(4, "running"), OldRecord));
        Cloud.On("DELETE", FakeCloud.Nova + "/servers/s-1/migrations/4", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        await Backend.AbortMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, "4"), CancellationToken.None);

        var delete = Cloud.Calls[^1];
        Assert.Equal((HttpMethod.Delete, "/v2.1/servers/s-1/migrations/4"), (delete.Method, delete.PathAndQuery));
        AssertMicroversion(delete);
    }

    [Fact]
    public async Task AbortMigration_TicketWithoutId_AbortsTheNewestRecord()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations", _ => MigrationsJson(OldRecord, Record(4, "running")));
        Cloud.On("DELETE", FakeCloud.Nova + "/servers/s-1/migrations/4", _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        await Backend.AbortMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, null), CancellationToken.None);

        Assert.Equal("/v2.1/servers/s-1/migrations/4", Cloud.Calls[^1].PathAndQuery);
    }

    [Fact]
    public async Task AbortMigration_Cold_BackendFaultWithoutCallingTheCloud()
    {
        var e = await Assert.ThrowsAsync<BackendFault>(() =>
            Backend.AbortMigrationAsync(new MigrationTicket(Mme, MigrationMode.Cold, "8"), CancellationToken.None));

        Assert.Equal("only a live migration can be aborted; mme-1's is Cold", e.Message);
        Assert.Empty(Cloud.Calls);
    }

    [Fact]
    public async Task AbortMigration_RecordGone_BackendFault()
    {
        Cloud.On("GET", FakeCloud.Nova + "/os-migrations", _ => MigrationsJson(OldRecord));

        var e = await Assert.ThrowsAsync<BackendFault>(() =>
            Backend.AbortMigrationAsync(new MigrationTicket(Mme, MigrationMode.Live, "4"), CancellationToken.None));

        Assert.Equal("Nova has no live migration of mme-1 to abort", e.Message);
        Assert.DoesNotContain(Cloud.Calls, c => c.Method == HttpMethod.Delete);
    }
}
