using System.Collections.Immutable;

namespace Escalator.Model.Campaigns;

/// <summary>How a stage moves through its hosts.</summary>
public abstract record Strategy
{
    /// <summary>The strategy's name as campaigns and plans spell it.</summary>
    public abstract string Kind { get; }
}

/// <summary>Waves of hosts within fault-domain limits.</summary>
public sealed record RollingStrategy(FaultDomainLimits Limits) : Strategy
{
    public override string Kind => "rolling";
}

/// <summary>A first wave of <paramref name="FirstWave"/> hosts, a soak gated by health checks, then rolling waves.</summary>
/// <param name="FirstWave">How many hosts the canary wave holds.</param>
/// <param name="SoakSeconds">How long to watch the canaries before promoting.</param>
/// <param name="HealthChecks">The checks that must pass to promote (names of the campaign's checks).</param>
/// <param name="Rest">The limits of the waves after the canary.</param>
public sealed record CanaryStrategy(int FirstWave, double SoakSeconds, ImmutableArray<string> HealthChecks, FaultDomainLimits Rest) : Strategy
{
    public override string Kind => "canary";
}

/// <summary>Build the new version on spare hosts beside the old ones, transfer state, cut over, move the VMs, retire the old hosts.</summary>
/// <param name="Spares">The hosts to build the new universe on.</param>
/// <param name="Transfer">The state transfer from the old universe to the new one.</param>
/// <param name="Cutover">The cut-over; the services listed are unavailable while it runs.</param>
/// <param name="CutoverServices">The control-plane services that are out during the cut-over.</param>
/// <param name="Moves">Limits on how many old hosts are emptied at once after the cut-over.</param>
public sealed record ParallelUniverseStrategy(
    Selector Spares,
    TimedStep Transfer,
    TimedStep Cutover,
    ImmutableArray<string> CutoverServices,
    FaultDomainLimits Moves) : Strategy
{
    public override string Kind => "parallel-universe";
}

/// <summary>A step of a strategy (not of the per-host procedure) with its expected duration, timeout and expiry policy.</summary>
public sealed record TimedStep(double ExpectedSeconds, double TimeoutSeconds, ExpiryPolicy OnTimeout);
