using Escalator.LiveBackend.Coordination;
using Escalator.Service.Access;

namespace Escalator.Service;

internal sealed partial class CampaignService
{
    /// <summary><c>PUT /v1/maintenance/RUN/VNF</c>: a VNF manager's reply to the notice awaiting it. 200 accepted, 400 not a
    /// reply, 403 not the caller's project (the VNF's <c>maintenance.project</c>, by id or name; the operator role answers for
    /// any), 404 no such run or VNF, 409 no notice awaits it or it answers another event.</summary>
    public ApiReply Reply(string id, string vnfName, ReplyBody body, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(caller);
        if (Find(id, out var problem) is not { } run) return problem!;
        var vnf = run.Topology.Vnfs.FirstOrDefault(v => v.Id.Name == vnfName);
        if (vnf is null) return ApiReply.NotFound($"run '{id}' has no VNF '{vnfName}'");
        var anyProject = _settings.MayOperate(caller.Roles);
        var project = vnf.Coordination.Project;
        var own = caller.ProjectMatching(project);
        if (!anyProject && own is null)
        {
            return ApiReply.Error(403, "forbidden", $"a VNF manager answers only for its own project: '{vnfName}' is of project "
                + $"{(project is null ? "none (only an operator answers for it)" : $"'{project}'")}; the caller's is '{caller.ProjectName ?? caller.ProjectId ?? "none"}'");
        }
        if (string.IsNullOrWhiteSpace(body.State))
        {
            return ApiReply.Error(400, "not-a-reply", "expected {\"state\": \"ACK_…\" or \"NACK_…\"}, such as ACK_PREPARE_MAINTENANCE");
        }
        var delivery = Mailbox.Deliver(new VnfmReplyMessage(id, vnfName, body.State, own ?? caller.ProjectId, anyProject, body.Detail));
        return delivery switch
        {
            Delivery.Accepted => ApiReply.Ok(new { run = id, vnf = vnfName, state = body.State, accepted = true }),
            Delivery.NotAReply => ApiReply.Error(400, "not-a-reply",
                $"'{body.State}' is not a Fenix reply: expected ACK_ or NACK_ and an event, such as ACK_PREPARE_MAINTENANCE"),
            Delivery.Forbidden => ApiReply.Error(403, "forbidden", $"the notice to '{vnfName}' awaits the reply of its own project, not the caller's"),
            Delivery.WrongEvent => ApiReply.Conflict("wrong-event", $"'{body.State}' answers another event than the one awaited from '{vnfName}': {Awaited(id, vnfName)}"),
            _ => ApiReply.Conflict("not-awaited", $"no notice to '{vnfName}' of run '{id}' awaits a reply now"),
        };
    }

    private string Awaited(string id, string vnf) =>
        string.Join(", ", Mailbox.Awaiting(id).Where(a => a.Vnf == vnf).Select(a => $"a reply to {a.Event}"));
}
