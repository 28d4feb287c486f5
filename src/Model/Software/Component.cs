using System.Collections.Immutable;

namespace Escalator.Model.Software;

/// <summary>A software component of the catalogue: what it depends on, what it talks to, and what upgrading it does.</summary>
/// <param name="Name">The name used in host software lists and campaign targets.</param>
/// <param name="DependsOn">Components that must reach their target before this one is upgraded anywhere.</param>
/// <param name="TalksTo">Components this one talks to, each with the window of major versions they may be apart.</param>
/// <param name="Impact">What upgrading one instance of it costs.</param>
public sealed record Component(string Name, ImmutableArray<string> DependsOn, ImmutableArray<Compatibility> TalksTo, UpgradeImpact Impact);

/// <summary>How far apart in major version a component and a peer it talks to may be.</summary>
/// <param name="Peer">The component talked to.</param>
/// <param name="MinPeerAhead">The least the peer's major may be ahead (negative: behind).</param>
/// <param name="MaxPeerAhead">The most the peer's major may be ahead.</param>
/// <remarks>Nova's rule "conductor may be one major ahead of compute, never behind" is, on nova-compute,
/// <c>{ Peer: nova-conductor, MinPeerAhead: 0, MaxPeerAhead: 1 }</c>.</remarks>
public sealed record Compatibility(string Peer, int MinPeerAhead, int MaxPeerAhead)
{
    public bool Allows(SemVersion own, SemVersion peer)
    {
        var ahead = peer.Major - own.Major;
        return ahead >= MinPeerAhead && ahead <= MaxPeerAhead;
    }
}

/// <summary>What upgrading one instance of a component costs (the impact analysis of the requirements' appendix).</summary>
/// <param name="RebootHost">Whether the host must reboot.</param>
/// <param name="Evacuate">Whether VMs must leave the host first (the hypervisor or host OS goes away).</param>
/// <param name="FunctionLost">What function is lost while it is upgraded, in words.</param>
/// <param name="LostSeconds">For how long that function is lost.</param>
/// <param name="Backup">What must be backed up first.</param>
/// <param name="RestoreSeconds">How long a restore from backup takes if the upgrade fails.</param>
public sealed record UpgradeImpact(bool RebootHost, bool Evacuate, string? FunctionLost, double LostSeconds, ImmutableArray<string> Backup, double RestoreSeconds)
{
    public static readonly UpgradeImpact Light = new(false, false, null, 0, [], 0);

    /// <summary>Whether instances left on the host lose service while the component is upgraded.</summary>
    public bool AffectsVms => RebootHost || Evacuate;
}
