using System.Text.Json;
using Escalator.Service.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Escalator.Service;

/// <summary>The REST API's routes: every request is authenticated first (<c>X-Auth-Token</c>), then each endpoint checks
/// the caller's role and answers JSON; errors are <c>{"error", "code"}</c> with the status that says what went wrong.</summary>
internal static partial class ServeApi
{
    /// <summary>The largest campaign submission: a topology of thousands of hosts with its campaign.</summary>
    public const long MaxSubmission = 16 * 1024 * 1024;

    /// <summary>The largest body of the other endpoints (a VNFM reply).</summary>
    public const long MaxSmallBody = 64 * 1024;

    private const string CallerKey = "escalator.caller";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Who may call an endpoint: readers (reader, member, operator), operators, or any authenticated caller.</summary>
    private enum Access
    {
        Read,
        Operate,
        AnyCaller,
    }

    public static void Map(WebApplication app, CampaignService service, CallerAuthenticator authenticator)
    {
        app.Use(async (context, next) =>
        {
            var authentication = await authenticator.AuthenticateAsync(context.Request.Headers["X-Auth-Token"], context.RequestAborted).ConfigureAwait(false);
            if (authentication.Caller is null)
            {
                if (authentication.Status == 401) context.Response.Headers.WWWAuthenticate = authenticator.Challenge;
                await WriteAsync(context, ApiReply.Error(authentication.Status, authentication.Code, authentication.Message)).ConfigureAwait(false);
                return;
            }
            context.Items[CallerKey] = authentication.Caller;
            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/v1/campaigns", Endpoint(service, Access.Read, (_, _) => Task.FromResult(service.List())));
        app.MapPost("/v1/campaigns", Endpoint(service, Access.Operate, (context, _) =>
            WithBodyAsync<SubmitBody>(context, MaxSubmission, service.Submit)));
        app.MapGet("/v1/campaigns/{run}", Endpoint(service, Access.Read, (context, _) => Task.FromResult(service.Status(Route(context, "run")))));
        app.MapPost("/v1/campaigns/{run}/suspend", Endpoint(service, Access.Operate, (context, _) => Task.FromResult(service.Suspend(Route(context, "run")))));
        app.MapPost("/v1/campaigns/{run}/abort", Endpoint(service, Access.Operate, (context, _) => Task.FromResult(service.Abort(Route(context, "run")))));
        app.MapPost("/v1/campaigns/{run}/resume", Endpoint(service, Access.Operate, (context, _) => Task.FromResult(service.Resume(Route(context, "run")))));
        app.MapGet("/v1/campaigns/{run}/events", async context =>
        {
            if (await AllowedAsync(context, service, Access.Read).ConfigureAwait(false)) await StreamEventsAsync(context, service).ConfigureAwait(false);
        });
        app.MapMethods("/v1/maintenance/{run}/{vnf}", ["PUT", "POST"], Endpoint(service, Access.AnyCaller, (context, caller) =>
            WithBodyAsync<ReplyBody>(context, MaxSmallBody, body => service.Reply(Route(context, "run"), Route(context, "vnf"), body, caller))));
        app.MapFallback(context => WriteAsync(context, ApiReply.NotFound($"no endpoint {context.Request.Method} {context.Request.Path}; see the README")));
    }

    private static RequestDelegate Endpoint(CampaignService service, Access access, Func<HttpContext, Caller, Task<ApiReply>> handle) => async context =>
    {
        if (!await AllowedAsync(context, service, access).ConfigureAwait(false)) return;
        ApiReply reply;
        try
        {
            reply = await handle(context, Caller(context)).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A fault of Escalator itself: the caller gets a 500 saying so, the log the detail, and the service goes on.
            await service.Log.WriteLineAsync($"escalator serve: {context.Request.Method} {context.Request.Path} failed: {e}").ConfigureAwait(false);
            reply = ApiReply.Error(500, "internal", $"Escalator failed on this request ({e.GetType().Name}: {e.Message}); the service's log has the detail");
        }
        await WriteAsync(context, reply).ConfigureAwait(false);
    };

    /// <summary>Whether the caller's roles allow the endpoint; if not, answers 403 and returns false.</summary>
    private static async Task<bool> AllowedAsync(HttpContext context, CampaignService service, Access access)
    {
        var caller = Caller(context);
        var settings = service.Settings;
        var allowed = access switch
        {
            Access.Read => settings.MayRead(caller.Roles),
            Access.Operate => settings.MayOperate(caller.Roles),
            _ => true,
        };
        if (allowed) return true;
        var needed = access == Access.Operate ? $"the role '{settings.OperatorRole}'" : $"the role '{settings.ReaderRole}', 'member' or '{settings.OperatorRole}'";
        await WriteAsync(context, ApiReply.Error(403, "forbidden", $"{caller.Name} may not do this: it needs {needed}")).ConfigureAwait(false);
        return false;
    }

    private static Caller Caller(HttpContext context) => (Caller)context.Items[CallerKey]!;

    private static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    /// <summary>Reads a JSON body of at most <paramref name="limit"/> bytes and hands it on; 400 or 413 when it cannot.</summary>
    private static async Task<ApiReply> WithBodyAsync<T>(HttpContext context, long limit, Func<T, ApiReply> handle) where T : class
    {
        if (context.Request.ContentLength > limit) return TooLarge(limit);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ApiReply.Error(400, "invalid-request", $"the body is not the JSON expected: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        return body is null ? ApiReply.Error(400, "invalid-request", "expected a JSON object as the body; found none") : handle(body);
    }

    private static ApiReply TooLarge(long limit) => ApiReply.Error(413, "too-large", $"the body is larger than this endpoint takes ({limit / 1024} KiB)");

    private static async Task WriteAsync(HttpContext context, ApiReply reply)
    {
        context.Response.StatusCode = reply.Status;
        if (reply.Location is { } location) context.Response.Headers.Location = location;
        if (reply.Body is null) return;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, reply.Body, reply.Body.GetType(), Json, context.RequestAborted).ConfigureAwait(false);
    }
}
