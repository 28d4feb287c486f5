using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Solver.Resilience;

/// <summary>An instance the plan interrupts in a wave, or would if a migration fell back: why, where, for how long at the
/// verification's confidence, and in words.</summary>
/// <param name="Event">For a fallback, the event in words ("the live migration of mme-1 off cmp-1 falls back to cold").</param>
internal sealed record Interruption(InstanceId Instance, Vnf Vnf, HostId Host, UnavailableReason Reason, double Seconds, string Why,
    string? Event = null);

/// <summary>What one wave puts at risk, as the replay saw it.</summary>
/// <param name="Out">The hosts the wave takes out.</param>
/// <param name="Planned">The instances it interrupts (switchovers aside: they take no instance down).</param>
/// <param name="Fallbacks">What each move with a fallback becomes when it falls back.</param>
/// <param name="Placement">Where every VM is during the wave (a mover: where it goes).</param>
/// <param name="MembersDown">The cluster members the wave takes down, and for how long (a parallel universe's declared
/// cut-over services are not among them: they are out by declaration).</param>
/// <param name="Active">The active instance of each active-standby pair during the wave.</param>
/// <param name="Upgraded">The hosts the wave upgrades, and for how long each is down: an upgrade that rolls back keeps its
/// host out into the next wave.</param>
/// <param name="CanFail">The hosts that could fail during the wave: in service, not in it.</param>
internal sealed record WaveExposure(
    int Wave,
    string StrategyPath,
    ImmutableHashSet<HostId> Out,
    IReadOnlyList<Interruption> Planned,
    IReadOnlyList<Interruption> Fallbacks,
    IReadOnlyDictionary<InstanceId, HostId> Placement,
    IReadOnlyList<(ServiceOutage Outage, double Seconds)> MembersDown,
    IReadOnlyDictionary<VnfId, InstanceId> Active,
    IReadOnlyList<(HostId Host, double Seconds)> Upgraded,
    IReadOnlySet<HostId> CanFail);
