using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Coordination;

/// <summary>VNF managers reached by webhook, as Fenix reaches them: a notice is POSTed to the VNF's
/// <c>coordination.endpoint</c>, and the VNFM answers ACK_/NACK_ at the <c>reply_url</c> it carries (Escalator's API,
/// <c>PUT /v1/maintenance/{run}/{vnf}</c>), where <see cref="VnfmMailbox"/> hands the answer to the waiting step.</summary>
/// <remarks>A reply is awaited at most the VNF's reply timeout (Fenix's default 20 s) and never beyond the step's; a notice
/// that cannot be delivered counts as no reply, so the campaign's expiry policy decides what next.</remarks>
public sealed class WebhookVnfm(DataCentre topology, HttpClient http, VnfmMailbox mailbox, Uri replyBase, TimeProvider time) : IVnfmCoordinator
{
    /// <summary>How long one POST to a VNFM may take.</summary>
    public static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<VnfId, Vnf> _vnfs = topology.Vnfs.ToDictionary(v => v.Id);

    public async Task<VnfmReply> NotifyAsync(VnfmNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var vnf = _vnfs[notice.Vnf];
        if (vnf.Coordination.Endpoint is not { } endpoint)
        {
            return new VnfmReply(VnfmAnswer.Nack, $"{vnf.Id} is coordinated but the topology gives no coordination.endpoint to notify");
        }
        // The topology's loader takes any string; a step must fail on it, not the run.
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return new VnfmReply(VnfmAnswer.Nack, $"{vnf.Id}'s coordination.endpoint '{endpoint}' is not an http or https URL");
        }
        using var waiting = notice.WaitReply ? mailbox.Expect(notice.Campaign, vnf.Id, vnf.Coordination.Project, notice.Event) : null;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(vnf.Coordination.ReplyTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        var silent = new VnfmReply(VnfmAnswer.Timeout, $"no reply within the VNF's reply timeout of {vnf.Coordination.ReplyTimeoutSeconds:0.#} s");
        try
        {
            if (await PostAsync(url, Body(notice, vnf), linked.Token).ConfigureAwait(false) is { } failure)
            {
                return new VnfmReply(VnfmAnswer.Timeout, failure);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The caller's token ends the POST as it ends the wait: no reply, as promised, rather than an exception that would
            // also lose the replies of the other VNFs notified at the same time (a NACK among them).
            return cancellationToken.IsCancellationRequested ? new VnfmReply(VnfmAnswer.Timeout, $"the VNFM at {endpoint} had not taken the notice") : silent;
        }
        if (waiting is null) return new VnfmReply(VnfmAnswer.Sent);
        var reply = await waiting.ReplyAsync(linked.Token).ConfigureAwait(false);
        return reply.Answer == VnfmAnswer.Timeout && bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested ? silent : reply;
    }

    /// <summary>The notice in Fenix's shape: <c>event_type</c> and a <c>payload</c> with the session (the run), the project,
    /// the instances, the state, the allowed actions and where to reply.</summary>
    internal JsonObject Body(VnfmNotice notice, Vnf vnf)
    {
        // Appended to the base's path whether or not it ends in '/': resolving "run/vnf" against ".../v1/maintenance" would
        // replace its last segment.
        var reply = new Uri($"{replyBase.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(notice.Campaign)}/{Uri.EscapeDataString(vnf.Id.Name)}");
        var payload = new JsonObject
        {
            ["service"] = "escalator",
            ["session_id"] = notice.Campaign,
            ["project_id"] = vnf.Coordination.Project,
            ["vnf_id"] = vnf.Id.Name,
            ["state"] = FenixNames.Of(notice.Event),
            ["instance_ids"] = new JsonArray([.. notice.Instances.Select(i => JsonValue.Create(i.Name))]),
            ["host"] = notice.Host?.Name,
            ["allowed_actions"] = new JsonArray([.. vnf.Coordination.Actions.Select(a => JsonValue.Create(ActionName(a)))]),
            ["instance_action"] = notice.Action?.ToUpperInvariant(),
            ["actions_at"] = time.GetUtcNow().ToString("O"),
            ["reply_url"] = notice.WaitReply ? reply.AbsoluteUri : null,
            ["reply_at"] = notice.WaitReply ? time.GetUtcNow().AddSeconds(vnf.Coordination.ReplyTimeoutSeconds).ToString("O") : null,
        };
        return new JsonObject { ["event_type"] = FenixNames.EventTypes[0], ["payload"] = payload };
    }

    private static string ActionName(VnfmAction action) => action switch
    {
        VnfmAction.Migrate => "MIGRATE",
        VnfmAction.LiveMigrate => "LIVE_MIGRATE",
        VnfmAction.Switchover => "SWITCHOVER",
        _ => "OWN_ACTION",
    };

    /// <summary>POSTs the notice within <see cref="PostTimeout"/>; null when the VNFM took it (2xx), else why not.</summary>
    private async Task<string?> PostAsync(Uri endpoint, JsonObject body, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(PostTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            using var response = await http.PostAsJsonAsync(endpoint, body, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"the VNFM at {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            return $"could not reach the VNFM at {endpoint}: {e.Message}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the VNFM at {endpoint} did not take the notice within {PostTimeout.TotalSeconds:0} s";
        }
    }
}
