using Escalator.LiveBackend.Coordination;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Tests.Coordination;

/// <summary>Where a VNFM's reply meets the notice awaiting it: which replies are taken, which refused and why, and what
/// becomes of a wait that is cancelled, disposed or replaced.</summary>
public sealed class VnfmMailboxTests : IDisposable
{
    private static readonly VnfId Mme = new("mme");

    private readonly VnfmMailbox _mailbox = new();

    /// <summary>Bounds a wait for a reply that should already be there, so a missing one fails rather than hangs.</summary>
    private readonly CancellationTokenSource _soon = new(TimeSpan.FromSeconds(10));

    private CancellationToken Soon => _soon.Token;

    [Theory]
    [InlineData("ACK_PREPARE_MAINTENANCE", VnfmAnswer.Ack)]
    [InlineData("NACK_PREPARE_MAINTENANCE", VnfmAnswer.Nack)]
    [InlineData("  ack_prepare_maintenance ", VnfmAnswer.Ack)]
    public async Task Deliver_ReplyToTheAwaitedEvent_AcceptedAndTheWaitGetsIt(string state, VnfmAnswer answer)
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.PrepareMaintenance);

        var delivery = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", state, "p-1", AnyProject: false, Detail: "standby ready"));

        Assert.Equal(Delivery.Accepted, delivery);
        Assert.Equal(new VnfmReply(answer, "standby ready"), await waiting.ReplyAsync(Soon));
        Assert.Empty(_mailbox.Awaiting("run-1"));
    }

    [Theory]
    [InlineData("ACK_IN_SCALE", FenixEvent.ScaleIn)]
    [InlineData("NACK_DOWN_SCALE", FenixEvent.ScaleIn)]
    [InlineData("ACK_ADMIN_ACTION_DONE", FenixEvent.InstanceActionDone)]
    public void Deliver_OlderSpelling_AcceptedForTheEventItNamedThen(string state, FenixEvent awaited)
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", awaited);

        Assert.Equal(Delivery.Accepted, _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", state, "p-1", AnyProject: false)));
    }

    [Theory]
    [InlineData("MAINTENANCE")]
    [InlineData("ACK_")]
    [InlineData("ACK_REBOOT")]
    [InlineData("OK")]
    [InlineData("")]
    [InlineData("   ")]
    public void Deliver_NotAReplyState_NotAReplyAndTheWaitGoesOn(string state)
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.Maintenance);

        Assert.Equal(Delivery.NotAReply, _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", state, "p-1", AnyProject: false)));
        Assert.Equal([("mme", "MAINTENANCE")], _mailbox.Awaiting("run-1"));
    }

    [Theory]
    [InlineData("run-2", "mme")]
    [InlineData("run-1", "sbc")]
    [InlineData("run-1", "MME")]
    public void Deliver_NoWaitForThatRunAndVnf_NotAwaited(string run, string vnf)
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.Maintenance);

        Assert.Equal(Delivery.NotAwaited, _mailbox.Deliver(new VnfmReplyMessage(run, vnf, "ACK_MAINTENANCE", "p-1", AnyProject: false)));
    }

    [Fact]
    public async Task Deliver_Twice_TheSecondIsNotAwaited()
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.Maintenance);
        _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_MAINTENANCE", "p-1", AnyProject: false));

        var second = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "NACK_MAINTENANCE", "p-1", AnyProject: false));

        Assert.Equal(Delivery.NotAwaited, second);
        Assert.Equal(VnfmAnswer.Ack, (await waiting.ReplyAsync(Soon)).Answer);
    }

    [Theory]
    [InlineData("p-2")]
    [InlineData("P-1")]
    [InlineData(null)]
    public async Task Deliver_AnotherProject_ForbiddenAndTheWaitGoesOn(string? caller)
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.Maintenance);

        var forbidden = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "NACK_MAINTENANCE", caller, AnyProject: false));
        var own = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_MAINTENANCE", "p-1", AnyProject: false));

        Assert.Equal((Delivery.Forbidden, Delivery.Accepted), (forbidden, own));
        Assert.Equal(VnfmAnswer.Ack, (await waiting.ReplyAsync(Soon)).Answer);
    }

    [Fact]
    public void Deliver_VnfWithNoProjectAndCallerWithNone_Forbidden()
    {
        using var waiting = _mailbox.Expect("run-1", Mme, null, FenixEvent.Maintenance);

        Assert.Equal(Delivery.Forbidden, _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_MAINTENANCE", null, AnyProject: false)));
    }

    [Theory]
    [InlineData("p-1")]
    [InlineData(null)]
    public void Deliver_CallerMayAnswerForAnyProject_Accepted(string? vnfProject)
    {
        using var waiting = _mailbox.Expect("run-1", Mme, vnfProject, FenixEvent.Maintenance);

        Assert.Equal(Delivery.Accepted, _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_MAINTENANCE", "admin", AnyProject: true)));
    }

    [Fact]
    public async Task Deliver_ReplyToAnotherEvent_WrongEventAndTheWaitGoesOn()
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.ScaleIn);

        var wrong = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_MAINTENANCE", "p-1", AnyProject: false));
        var right = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "NACK_SCALE_IN", "p-1", AnyProject: false));

        Assert.Equal((Delivery.WrongEvent, Delivery.Accepted), (wrong, right));
        Assert.Equal(VnfmAnswer.Nack, (await waiting.ReplyAsync(Soon)).Answer);
    }

    [Fact]
    public async Task ReplyAsync_Cancelled_Timeout()
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.Maintenance);
        using var step = new CancellationTokenSource();

        var reply = waiting.ReplyAsync(step.Token);
        await step.CancelAsync();

        Assert.Equal(new VnfmReply(VnfmAnswer.Timeout), await reply);
    }

    [Fact]
    public async Task ReplyAsync_ReplyCameBeforeTheWaitBegan_GivesIt()
    {
        using var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.Maintenance);
        _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_MAINTENANCE", "p-1", AnyProject: false));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var reply = await waiting.ReplyAsync(cancelled.Token);

        Assert.Equal(VnfmAnswer.Ack, reply.Answer);
    }

    [Fact]
    public void Dispose_TheWaitIsForgotten()
    {
        var waiting = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.Maintenance);

        waiting.Dispose();

        Assert.Empty(_mailbox.Awaiting("run-1"));
        Assert.Equal(Delivery.NotAwaited, _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_MAINTENANCE", "p-1", AnyProject: false)));
    }

    [Fact]
    public async Task Expect_AgainForTheSameRunAndVnf_ReplacesTheFirst()
    {
        var first = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.PrepareMaintenance);
        using var second = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.StartMaintenance);

        var old = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_PREPARE_MAINTENANCE", "p-1", AnyProject: false));
        first.Dispose();
        var current = _mailbox.Deliver(new VnfmReplyMessage("run-1", "mme", "ACK_START_MAINTENANCE", "p-1", AnyProject: false));

        Assert.Equal((Delivery.WrongEvent, Delivery.Accepted), (old, current));
        Assert.Equal(VnfmAnswer.Ack, (await second.ReplyAsync(Soon)).Answer);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.Equal(VnfmAnswer.Timeout, (await first.ReplyAsync(cancelled.Token)).Answer);
    }

    [Fact]
    public void Awaiting_ListsTheRunsOwnWaitsWithTheirEvents()
    {
        using var a = _mailbox.Expect("run-1", Mme, "p-1", FenixEvent.ScaleIn);
        using var b = _mailbox.Expect("run-1", new VnfId("sbc"), "p-2", FenixEvent.PlannedMaintenance);
        using var c = _mailbox.Expect("run-2", Mme, "p-1", FenixEvent.Maintenance);

        var awaiting = _mailbox.Awaiting("run-1");

        Assert.Equal([("mme", "SCALE_IN"), ("sbc", "PLANNED_MAINTENANCE")], awaiting.OrderBy(w => w.Vnf, StringComparer.Ordinal));
        Assert.Empty(_mailbox.Awaiting("run-3"));
    }

    public void Dispose() => _soon.Dispose();
}
