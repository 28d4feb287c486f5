namespace Escalator.Simulator.Runs;

/// <summary>What a timeline bar shows.</summary>
public enum TimelineCategory
{
    Wave,
    Step,
    Migration,
    Outage,
    Rollback,
}

/// <summary>One bar of a run's timeline: a wave, a step, a migration, a VNF's outage or a rollback action.</summary>
/// <param name="Lane">The row it is drawn in: a host, a VNF or a wave.</param>
public sealed record TimelineEntry(string Lane, TimelineCategory Category, string Label, double Start, double End);

/// <summary>A wave as it ran.</summary>
public sealed record WaveSpan(int Wave, string Stage, string Kind, double Start, double End, IReadOnlyList<string> Hosts);

/// <summary>What a traced run records beyond its measures, for the report's timeline and hosts-in-service charts.</summary>
public sealed class Timeline
{
    public List<TimelineEntry> Entries { get; } = [];

    public List<WaveSpan> Waves { get; } = [];

    /// <summary>Hosts in service, at every change.</summary>
    public List<(double Time, int Hosts)> HostsInService { get; } = [];
}
