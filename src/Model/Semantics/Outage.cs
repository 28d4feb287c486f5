using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>What a VNF's availability budget counts: its outage, the time fewer of its instances are available than its
/// redundancy model needs (DESIGN.md), whatever the model.</summary>
public static class Outage
{
    /// <summary>VRRP's failover time (DESIGN.md), for an active-standby VNF that gives no switchover time.</summary>
    public const double DefaultFailoverSeconds = 3;

    /// <summary>How long the standby of an active-standby VNF takes to take over from a lost active instance.</summary>
    public static double FailoverSeconds(Vnf vnf)
    {
        ArgumentNullException.ThrowIfNull(vnf);
        return vnf.SwitchoverSeconds > 0 ? vnf.SwitchoverSeconds : DefaultFailoverSeconds;
    }

    /// <summary>A planned switchover's gap: the VNF's switchover time, or the procedure step's expected time when it gives none.</summary>
    public static double SwitchoverSeconds(Vnf vnf, double stepExpected)
    {
        ArgumentNullException.ThrowIfNull(vnf);
        return vnf.SwitchoverSeconds > 0 ? vnf.SwitchoverSeconds : stepExpected;
    }

    /// <summary>The part of an interruption of <paramref name="seconds"/> that is outage of its VNF.</summary>
    /// <param name="active">Whether the interrupted instance is the VNF's active one at the time (active-standby).</param>
    /// <remarks>A VNF that tolerates no unavailable instance is out for every interruption. An active-standby pair is out
    /// for a switchover's gap, for its active instance's live-migration pause, and, when its active instance goes down
    /// without a switchover, until the standby takes over. Other models absorb what their redundancy tolerates: the
    /// redundancy invariant keeps interruptions within it, so they spend nothing.</remarks>
    public static double Of(Vnf vnf, bool active, UnavailableReason reason, double seconds)
    {
        ArgumentNullException.ThrowIfNull(vnf);
        if (vnf.Tolerated == 0) return seconds;
        if (!vnf.IsPair) return 0;
        return reason switch
        {
            UnavailableReason.Switchover => seconds,
            UnavailableReason.LiveMigration => active ? seconds : 0,
            _ => active ? Math.Min(seconds, FailoverSeconds(vnf)) : 0,
        };
    }
}
