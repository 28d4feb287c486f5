using System.Net;
using System.Text.Json.Nodes;
using Escalator.LiveBackend.Coordination;
using Escalator.LiveBackend.Tests.OpenStack;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.Coordination;

public sealed partial class WebhookVnfmTests
{
    [Fact]
    public async Task NotifyAsync_EndpointFails_TimeoutWithItsStatusAndTheWaitForgotten()
    {
        _vnfm.Answer = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);

        var reply = await Coordinator().NotifyAsync(Notice(), _bound.Token);

        Assert.Equal(new VnfmReply(VnfmAnswer.Timeout, $"the VNFM at {Endpoint} answered 500 Internal Server Error"), reply);
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_EndpointUnreachable_TimeoutSayingWhy()
    {
        _vnfm.Answer = _ => throw new HttpRequestException("Connection refused (vnfm.test:80)");

        var reply = await Coordinator().NotifyAsync(Notice(), _bound.Token);

        Assert.Equal(new VnfmReply(VnfmAnswer.Timeout, $"could not reach the VNFM at {Endpoint}: Connection refused (vnfm.test:80)"), reply);
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_PostHangs_TimeoutAfterThePostTimeout()
    {
        _vnfm.Answer = _ => null;

        var notify = Coordinator().NotifyAsync(Notice(), _bound.Token);
        await _vnfm.ArrivedAsync(_bound.Token);
        _time.Advance(WebhookVnfm.PostTimeout);

        Assert.Equal(new VnfmReply(VnfmAnswer.Timeout, $"the VNFM at {Endpoint} did not take the notice within 10 s"), await notify.WaitAsync(_bound.Token));
    }

    [Fact]
    public async Task NotifyAsync_PostHangsPastAShorterReplyTimeout_TimeoutAfterTheReplyTimeout()
    {
        _vnfm.Answer = _ => null;

        var notify = Coordinator().NotifyAsync(Notice("quick"), _bound.Token);
        await _vnfm.ArrivedAsync(_bound.Token);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(new VnfmReply(VnfmAnswer.Timeout, "no reply within the VNF's reply timeout of 5 s"), await notify.WaitAsync(_bound.Token));
    }

    [Fact]
    public async Task NotifyAsync_VnfmSilent_TimeoutAfterTheVnfsReplyTimeoutAndTheWaitForgotten()
    {
        var notify = Coordinator().NotifyAsync(Notice("quick"), _bound.Token);
        await _vnfm.ArrivedAsync(_bound.Token);
        _time.Advance(TimeSpan.FromSeconds(4));
        var early = notify.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(early, "the wait ended before the VNF's reply timeout");
        Assert.Equal(new VnfmReply(VnfmAnswer.Timeout, "no reply within the VNF's reply timeout of 5 s"), await notify.WaitAsync(_bound.Token));
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_CallersTokenCancelledDuringTheWait_Timeout()
    {
        using var step = new CancellationTokenSource();

        var notify = Coordinator().NotifyAsync(Notice(), step.Token);
        await _vnfm.ArrivedAsync(_bound.Token);
        await step.CancelAsync();

        Assert.Equal(VnfmAnswer.Timeout, (await notify.WaitAsync(_bound.Token)).Answer);
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_CallersTokenCancelledDuringThePost_TimeoutNotAnException()
    {
        _vnfm.Answer = _ => null;
        using var step = new CancellationTokenSource();

        var notify = Coordinator().NotifyAsync(Notice(), step.Token);
        await _vnfm.ArrivedAsync(_bound.Token);
        await step.CancelAsync();

        Assert.Equal(new VnfmReply(VnfmAnswer.Timeout, $"the VNFM at {Endpoint} had not taken the notice"), await notify.WaitAsync(_bound.Token));
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Fact]
    public async Task NotifyAsync_OneVnfmNacksWhileAnotherHangsTillTheStepEnds_TheNackIsKept()
    {
        _vnfm.Answer = request => request.Body!["payload"]!["vnf_id"]!.GetValue<string>() == "quick" ? null : Nack();
        using var step = new CancellationTokenSource();
        var coordinator = Coordinator();

        var nacked = coordinator.NotifyAsync(Notice(), step.Token);
        var hanging = coordinator.NotifyAsync(Notice("quick"), step.Token);
        await _vnfm.ArrivedAsync(_bound.Token);
        await _vnfm.ArrivedAsync(_bound.Token);
        await nacked.WaitAsync(_bound.Token);
        await step.CancelAsync();
        var replies = await Task.WhenAll(nacked, hanging).WaitAsync(_bound.Token);

        Assert.Equal([VnfmAnswer.Nack, VnfmAnswer.Timeout], replies.Select(r => r.Answer));

        HttpResponseMessage Nack()
        {
            _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "NACK_PREPARE_MAINTENANCE", "p-1", AnyProject: false));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }
    }
}
