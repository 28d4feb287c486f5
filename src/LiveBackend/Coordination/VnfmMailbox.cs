using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Coordination;

/// <summary>Where the VNFMs' replies meet the notices waiting for them: the webhook coordinator registers a wait before
/// it sends a notice, and the API delivers the ACK_/NACK_ a VNFM sends back.</summary>
/// <remarks>One reply is awaited per run and VNF at a time (the executor notifies a VNF once per step). A VNFM may
/// answer only for its own project: a caller's project must be the VNF's, unless the caller may answer for any (who alone
/// answers for a VNF of no project).</remarks>
public sealed class VnfmMailbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Run, string Vnf), Pending> _pending = [];

    /// <summary>Waits for the reply to <paramref name="fenixEvent"/> from the VNFM of <paramref name="vnf"/>; cancelling
    /// the token ends the wait with <see cref="VnfmAnswer.Timeout"/>. Register before sending the notice.</summary>
    public Waiting Expect(string run, VnfId vnf, string? project, FenixEvent fenixEvent)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pending = new Pending(fenixEvent, project, new TaskCompletionSource<VnfmReply>(TaskCreationOptions.RunContinuationsAsynchronously));
        var key = (run, vnf.Name);
        lock (_gate) _pending[key] = pending;
        return new Waiting(this, key, pending);
    }

    /// <summary>Delivers a VNFM's reply, e.g. <c>ACK_MAINTENANCE</c>, <c>NACK_SCALE_IN</c> or an older spelling.</summary>
    public Delivery Deliver(VnfmReplyMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FenixNames.ParseReply(message.State) is not { } parsed) return Delivery.NotAReply;
        lock (_gate)
        {
            if (!_pending.TryGetValue((message.Run, message.Vnf), out var pending)) return Delivery.NotAwaited;
            // A VNF of no project has no VNFM of its own: only a caller who may answer for any project answers for it.
            if (!message.AnyProject && (pending.Project is null || !string.Equals(pending.Project, message.CallerProject, StringComparison.Ordinal)))
            {
                return Delivery.Forbidden;
            }
            if (pending.Event != parsed.Event) return Delivery.WrongEvent;
            _pending.Remove((message.Run, message.Vnf));
            pending.Reply.TrySetResult(new VnfmReply(parsed.Ack ? VnfmAnswer.Ack : VnfmAnswer.Nack, message.Detail));
            return Delivery.Accepted;
        }
    }

    /// <summary>What the mailbox awaits for a run: VNF and event wire name, for the status API.</summary>
    public IReadOnlyList<(string Vnf, string Event)> Awaiting(string run)
    {
        lock (_gate)
        {
            return [.. _pending.Where(p => p.Key.Run == run).Select(p => (p.Key.Vnf, FenixNames.Of(p.Value.Event)))];
        }
    }

    private void Forget((string, string) key, Pending pending)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(key, out var current) && ReferenceEquals(current, pending)) _pending.Remove(key);
        }
    }

    internal sealed record Pending(FenixEvent Event, string? Project, TaskCompletionSource<VnfmReply> Reply);

    /// <summary>A registered wait: <see cref="ReplyAsync"/> gives the answer; disposing it forgets the wait.</summary>
    public sealed class Waiting : IDisposable
    {
        private readonly VnfmMailbox _mailbox;
        private readonly (string, string) _key;
        private readonly Pending _pending;

        internal Waiting(VnfmMailbox mailbox, (string, string) key, Pending pending) => (_mailbox, _key, _pending) = (mailbox, key, pending);

        public async Task<VnfmReply> ReplyAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _pending.Reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new VnfmReply(VnfmAnswer.Timeout);
            }
        }

        public void Dispose() => _mailbox.Forget(_key, _pending);
    }
}

/// <summary>A reply as it arrives at the API.</summary>
/// <param name="Run">The run (Fenix's session) the reply is for.</param>
/// <param name="Vnf">The VNF it answers for.</param>
/// <param name="State">The reply state, e.g. <c>ACK_PLANNED_MAINTENANCE</c>.</param>
/// <param name="CallerProject">The caller's project (from its token or key).</param>
/// <param name="AnyProject">The caller may answer for any project (an operator's role).</param>
public sealed record VnfmReplyMessage(string Run, string Vnf, string State, string? CallerProject, bool AnyProject, string? Detail = null);

/// <summary>What became of a delivered reply.</summary>
public enum Delivery
{
    Accepted,

    /// <summary>The state is not an ACK_ or NACK_ of a known event.</summary>
    NotAReply,

    /// <summary>No notice to this VNF awaits a reply now.</summary>
    NotAwaited,

    /// <summary>The caller's project is not the VNF's.</summary>
    Forbidden,

    /// <summary>A reply to another event than the one awaited.</summary>
    WrongEvent,
}
