using System.Net;
using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed class CloudFaultExceptionTests
{
    private static readonly Uri Url = new("http://127.0.0.1:8774/v2.1/servers/abc/action");

    [Fact]
    public void Message_Answered_NamesServiceMethodUrlStatusRequestIdAndBody()
    {
        var fault = new CloudFaultException("compute", "POST", Url, HttpStatusCode.BadRequest, "req-42",
            "{\"badRequest\": {\"message\": \"No valid host was found.\", \"code\": 400}}");

        Assert.Equal("compute: POST http://127.0.0.1:8774/v2.1/servers/abc/action answered 400 BadRequest [request req-42]: "
            + "{\"badRequest\": {\"message\": \"No valid host was found.\", \"code\": 400}}", fault.Message);
        Assert.False(fault.IsTransient);
    }

    [Fact]
    public void Message_NoAnswer_SaysWhyAndIsTransient()
    {
        var fault = new CloudFaultException("identity", "POST", new Uri("http://127.0.0.1:5000/v3/auth/tokens"), null, null, null, "connection refused");

        Assert.Equal("identity: POST http://127.0.0.1:5000/v3/auth/tokens did not answer (connection refused)", fault.Message);
        Assert.True(fault.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    public void IsTransient_ByStatus(HttpStatusCode status, bool transient)
    {
        Assert.Equal(transient, new CloudFaultException("compute", "GET", Url, status, null, null).IsTransient);
    }

    [Fact]
    public void AsBackendFault_Busy_TransientWithTheCallAsContext()
    {
        BackendFault fault = new CloudFaultException("compute", "POST", Url, HttpStatusCode.Conflict, "req-7", null);

        Assert.True(fault.IsTransient);
        Assert.Equal("compute: POST http://127.0.0.1:8774/v2.1/servers/abc/action [request req-7]", fault.Context);
        Assert.Contains("answered 409 Conflict [request req-7]", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_LongHtmlPage_KeptShortAndOnOneLine()
    {
        var page = "<html>\n  <body>\n" + new string('x', 2000) + "\n</body></html>";

        var fault = new CloudFaultException("placement", "GET", Url, HttpStatusCode.BadGateway, null, page);

        Assert.Equal(CloudFaultException.MaxBody + 1, fault.Body!.Length);
        Assert.StartsWith("<html> <body> xxx", fault.Body);
        Assert.EndsWith("…", fault.Body);
        Assert.DoesNotContain('\n', fault.Message);
    }
}
