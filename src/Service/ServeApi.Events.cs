using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Escalator.Service;

internal static partial class ServeApi
{
    /// <summary>How often an idle event stream sends a comment, so proxies keep it open and a gone client is noticed.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary><c>GET /v1/campaigns/RUN/events</c>: Server-Sent Events, one <c>data:</c> line per event (its JSON line) with
    /// its <c>id:</c>. Replays the events after <c>Last-Event-ID</c> (all without it), then streams new ones until the run's
    /// execution ends, the client goes, or the service stops.</summary>
    private static async Task StreamEventsAsync(HttpContext context, CampaignService service)
    {
        if (service.Find(Route(context, "run"), out var problem) is not { } run)
        {
            await WriteAsync(context, problem!).ConfigureAwait(false);
            return;
        }
        var after = int.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, service.Stopping);
        try
        {
            while (true)
            {
                var batch = run.Since(after);
                for (var i = 0; i < batch.Lines.Count; i++)
                {
                    after = batch.FirstId + i;
                    await response.WriteAsync($"id: {after}\ndata: {batch.Lines[i]}\n\n", stop.Token).ConfigureAwait(false);
                }
                await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                if (batch.Idle) return;
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var quiet = Task.Delay(KeepAlive, service.Time, tick.Token);
                if (await Task.WhenAny(batch.Changed, quiet).ConfigureAwait(false) == quiet)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    await response.WriteAsync(": keep-alive\n\n", stop.Token).ConfigureAwait(false);
                }
                await tick.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went, or the service stops: the stream ends; a client resumes with Last-Event-ID.
        }
    }
}
