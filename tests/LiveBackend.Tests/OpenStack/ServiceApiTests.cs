using System.Net;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed class ServiceApiTests : IDisposable
{
    private const string ServicesJson = """{"services": []}""";

    private readonly InstantTime _time = new();
    private readonly FakeCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    public ServiceApiTests() => _cloud.WithKeystone(_time);

    [Fact]
    public async Task Send_503ThenOk_RetriedAfterABackoff()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services",
            _ => FakeCloud.Json(HttpStatusCode.ServiceUnavailable, "{}"),
            _ => FakeCloud.Json(HttpStatusCode.OK, ServicesJson));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var services = await connection.Nova.ListServicesAsync();

        Assert.Empty(services);
        Assert.Equal(2, _cloud.Calls.Count);
        var wait = Assert.Single(_time.Waits);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Send_AlwaysBusy_GivesUpAfterMaxRetriesWithGrowingWaits()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services", _ => FakeCloud.Json(HttpStatusCode.ServiceUnavailable, "{}"));
        using var connection = FakeKeystone.Connect(_cloud, _time, FakeKeystone.Options with { MaxRetries = 3 });

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Nova.ListServicesAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, fault.Status);
        Assert.Equal(4, _cloud.Calls.Count);
        var waits = _time.Waits.ToList();
        Assert.Equal(3, waits.Count);
        Assert.True(waits[2] > waits[0], $"waits {string.Join(", ", waits)} should grow");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Send_NotTransient_NotRetriedAndFaultCarriesRequestIdAndExcerpt(HttpStatusCode status)
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services", _ => FakeCloud.Json(status,
            """{"badRequest": {"message": "Invalid input for query parameters binary.", "code": 400}}""",
            ("x-openstack-request-id", "req-abc"), ("x-compute-request-id", "req-abc")));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Nova.ListServicesAsync("nova-bogus"));

        Assert.Single(_cloud.Calls);
        Assert.Empty(_time.Waits);
        Assert.Equal(("compute", "GET", status, "req-abc", false), (fault.Service, fault.Method, fault.Status, fault.RequestId, fault.IsTransient));
        Assert.Equal(new Uri(FakeCloud.Nova + "/os-services?binary=nova-bogus"), fault.Url);
        Assert.Contains("Invalid input for query parameters binary.", fault.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ComputeRequestIdOnly_StillFound()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services", _ => FakeCloud.Json(HttpStatusCode.Forbidden, "{}", ("x-compute-request-id", "req-nova")));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Nova.ListServicesAsync());

        Assert.Equal("req-nova", fault.RequestId);
    }

    [Fact]
    public async Task Send_Unauthorized_RenewsTokenOnceAndRetries()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services",
            _ => FakeCloud.Json(HttpStatusCode.Unauthorized, "{}"),
            _ => FakeCloud.Json(HttpStatusCode.OK, ServicesJson));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        await connection.Nova.ListServicesAsync();

        Assert.Equal(["tok-1", "tok-2"], _cloud.Calls.Select(c => c.Header("X-Auth-Token")));
        Assert.Equal(2, connection.Session.TokensIssued);
    }

    [Fact]
    public async Task Send_UnauthorizedTwice_FaultAfterOneRenewal()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services", _ => FakeCloud.Json(HttpStatusCode.Unauthorized, "{}"));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Nova.ListServicesAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, fault.Status);
        Assert.Equal(2, _cloud.Calls.Count);
        Assert.Equal(2, connection.Session.TokensIssued);
    }

    [Fact]
    public async Task Send_ParallelCallsRefused_ShareOneRenewal()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services",
            r => FakeCloud.Json(r.Header("X-Auth-Token") == "tok-1" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, ServicesJson));
        using var connection = FakeKeystone.Connect(_cloud, _time);
        await connection.Session.GetTokenAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => connection.Nova.ListServicesAsync())));

        Assert.Equal(2, connection.Session.TokensIssued);
    }

    [Fact]
    public async Task Send_NoAnswerToAGet_RetriedAsTransient()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services",
            _ => throw new HttpRequestException("Connection refused (nova.test:80)"),
            _ => FakeCloud.Json(HttpStatusCode.OK, ServicesJson));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        await connection.Nova.ListServicesAsync();

        Assert.Equal(2, _cloud.Calls.Count);
    }

    [Fact]
    public async Task Send_NoAnswerToAnAction_NotRepeated()
    {
        _cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action", _ => throw new HttpRequestException("Connection reset by peer"));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Nova.LiveMigrateAsync("s-1"));

        Assert.Single(_cloud.Calls);
        Assert.Null(fault.Status);
        Assert.True(fault.IsTransient);
        Assert.Equal("compute: POST http://nova.test/v2.1/servers/s-1/action did not answer (Connection reset by peer)", fault.Message);
    }

    [Fact]
    public async Task Send_ConflictOnAnAction_RetriedSinceNovaDidNotAct()
    {
        _cloud.On("POST", FakeCloud.Nova + "/servers/s-1/action",
            _ => FakeCloud.Json(HttpStatusCode.Conflict, """{"conflictingRequest": {"message": "Cannot 'os-migrateLive' instance while it is in task_state migrating"}}"""),
            _ => new HttpResponseMessage(HttpStatusCode.Accepted));
        using var connection = FakeKeystone.Connect(_cloud, _time);

        await connection.Nova.LiveMigrateAsync("s-1");

        Assert.Equal(2, _cloud.Calls.Count);
    }

    [Fact]
    public async Task Send_NoAnswerInTime_FaultSaysHowLongItWaited()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services", FakeCloud.Hang);
        using var connection = FakeKeystone.Connect(_cloud, _time, FakeKeystone.Options with { Timeout = TimeSpan.FromSeconds(5), MaxRetries = 1 });

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Nova.ListServicesAsync());

        Assert.Equal("compute: GET http://nova.test/v2.1/os-services did not answer (no answer within 5 s)", fault.Message);
        Assert.Equal(2, _cloud.Calls.Count);
    }

    [Fact]
    public async Task Send_BodyNotJson_FaultSaysSo()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy</html>") });
        using var connection = FakeKeystone.Connect(_cloud, _time);

        var fault = await Assert.ThrowsAsync<CloudFaultException>(() => connection.Nova.ListServicesAsync());

        Assert.StartsWith("compute: GET http://nova.test/v2.1/os-services answered 200 OK (the body is not JSON", fault.Message, StringComparison.Ordinal);
        Assert.Equal("<html>proxy</html>", fault.Body);
    }

    [Fact]
    public async Task Send_CallerCancels_CancellationNotAFault()
    {
        _cloud.On("GET", FakeCloud.Nova + "/os-services", FakeCloud.Hang);
        using var connection = FakeKeystone.Connect(_cloud, _time);
        await connection.Session.GetTokenAsync();
        using var cancel = new CancellationTokenSource();

        var call = connection.Nova.ListServicesAsync(cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
