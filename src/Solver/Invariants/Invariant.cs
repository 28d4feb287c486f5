using System.Collections.Immutable;

namespace Escalator.Solver.Invariants;

/// <summary>An invariant the solver proves of every plan, with its stable code.</summary>
/// <param name="Code">The stable code used in every output (<c>ESC-R1</c> …); never reused for another meaning.</param>
/// <param name="Title">A few words, for tables and SARIF rule names.</param>
/// <param name="Description">What must hold, in the planner's words.</param>
public sealed record Invariant(string Code, string Title, string Description)
{
    public static readonly Invariant Redundancy = new("ESC-R1", "redundancy",
        "In no wave are more instances of a VNF unavailable than its redundancy model tolerates (active-standby 1, n+m M, "
        + "quorum ⌊(n−1)/2⌋, none 0); a VNF that tolerates none is never interrupted longer than its availability budget (at the stated confidence).");

    public static readonly Invariant Switchover = new("ESC-R2", "switchover first",
        "The active instance of an active-standby VNF is never taken down (host out, cold migration) before a switchover hands over to its standby.");

    public static readonly Invariant Budget = new("ESC-R3", "availability budget",
        "A VNF's outage over the whole campaign (the time fewer of its instances are available than its redundancy model needs: "
        + "for an active-standby pair every switchover gap), each interruption taken at the stated confidence, stays within its availability budget.");

    public static readonly Invariant Quorum = new("ESC-Q1", "quorum",
        "Every control-plane cluster keeps its quorum (majority, any one, or all members) in every wave.");

    public static readonly Invariant Capacity = new("ESC-C1", "capacity",
        "Every VM that must leave a host in a wave has a destination in service in its site with room for it, honouring overcommit and anti-affinity.");

    public static readonly Invariant MoveOnce = new("ESC-C2", "move once",
        "A VM leaves a host at most once in the campaign: none lands on a host still waiting for its own upgrade (unless the campaign says moveOnce: false).");

    public static readonly Invariant FaultDomains = new("ESC-F1", "fault domains",
        "No wave takes more hosts out than the stage's limits allow, overall and per rack, zone and site.");

    public static readonly Invariant Order = new("ESC-O1", "order",
        "Stages run after the stages they follow, and a component is upgraded nowhere before every component it depends on has reached its target.");

    public static readonly Invariant Compatibility = new("ESC-O2", "compatibility",
        "In no wave do two components that talk run versions outside their compatibility window, and no component runs versions two majors apart.");

    public static readonly Invariant Identity = new("ESC-I1", "identity",
        "In every wave, every site that depends on the identity service is served by an identity cluster that keeps its quorum.");

    public static readonly Invariant Migration = new("ESC-M1", "migration support",
        "Where the procedure evacuates a host, every VM on it can move the way the procedure moves it (or its fallback).");

    public static readonly Invariant Spares = new("ESC-U1", "spare hosts",
        "A parallel universe has spare hosts with room for everything the old hosts carry.");

    public static readonly Invariant BoundedWait = new("ESC-W1", "bounded waits",
        "Every step of the plan waits at most its timeout, and the timeout is finite and not shorter than the step's expected duration.");

    public static readonly Invariant Resilience = new("ESC-T1", "resilience",
        "Asked to tolerate failures (verify --tolerate K, resilience: in the campaign), every VNF and cluster that survives them at rest keeps its "
        + "redundancy, quorum and switchover-first rule in every wave even if up to K hosts outside the wave fail, up to K of its migrations fall back "
        + "and up to K upgrades of the wave before roll back.");

    /// <summary>A warning about the data centre, not the campaign: a VNF or cluster that cannot survive the failures asked even at rest.</summary>
    public static readonly Invariant ResilienceAtRest = new("ESC-T0", "resilience at rest",
        "Every VNF and cluster survives the host failures asked with nothing upgraded (a warning about the data centre: the campaign is not held to it).");

    /// <summary>Every invariant, in the order outputs list them.</summary>
    public static readonly ImmutableArray<Invariant> All =
        [Redundancy, Switchover, Budget, Quorum, Capacity, MoveOnce, FaultDomains, Order, Compatibility, Identity, Migration, Spares, BoundedWait,
         Resilience, ResilienceAtRest];

    public static Invariant ByCode(string code) => All.First(i => i.Code == code);
}
