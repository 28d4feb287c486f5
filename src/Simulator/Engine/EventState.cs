namespace Escalator.Simulator.Engine;

/// <summary>Where an <see cref="Event"/> is in its life: pending, triggered (outcome fixed, scheduled), or processed.</summary>
public enum EventState
{
    /// <summary>Not triggered yet: its outcome is open and it is not in the event queue.</summary>
    Pending,

    /// <summary>Its outcome is fixed (Ok or Failed) and it is scheduled in the event queue.</summary>
    Triggered,

    /// <summary>The simulation has reached it and its waiters have been resumed.</summary>
    Processed,
}
