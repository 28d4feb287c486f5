using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Coordination;

/// <summary>Talks to the VNF managers in the Fenix maintenance protocol: sends a notice, waits for its reply. Two
/// implementations: the simulated VNFMs of a dry run and the VNFMs' webhooks of a live run.</summary>
public interface IVnfmCoordinator
{
    /// <summary>Sends <paramref name="notice"/> to its VNF's manager and, when it asks for one, waits for the reply. The
    /// token bounds the wait: when it is cancelled before a reply the answer is <see cref="VnfmAnswer.Timeout"/>.</summary>
    Task<VnfmReply> NotifyAsync(VnfmNotice notice, CancellationToken cancellationToken);
}

/// <summary>A Fenix notice to one VNF's manager.</summary>
/// <param name="Instances">The VNF's instances the notice is about (those on the host under maintenance).</param>
/// <param name="Host">The host under maintenance, or null for a campaign-wide notice.</param>
/// <param name="WaitReply">Whether the executor waits for ACK/NACK (bounded by the step's timeout).</param>
/// <param name="Action">For <see cref="FenixEvent.PlannedMaintenance"/>: what the VNFM is asked to do (e.g. switchover).</param>
public sealed record VnfmNotice(string Campaign, VnfId Vnf, FenixEvent Event, IReadOnlyList<InstanceId> Instances, HostId? Host,
    bool WaitReply, string? Action = null)
{
    /// <summary>What the plan expects the reply (or, without one, the delivery) to take: the simulated VNFMs take that long,
    /// drawn around it; a real VNFM never sees it.</summary>
    public double ExpectedSeconds { get; init; }
}

public enum VnfmAnswer
{
    Ack,
    Nack,

    /// <summary>No reply before the step's timeout.</summary>
    Timeout,

    /// <summary>Sent without waiting for a reply.</summary>
    Sent,
}

/// <summary>A VNFM's answer, with what it said.</summary>
public sealed record VnfmReply(VnfmAnswer Answer, string? Detail = null);
