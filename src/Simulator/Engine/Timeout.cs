namespace Escalator.Simulator.Engine;

/// <summary>An event triggered Ok at its creation and processed <see cref="Delay"/> seconds later.</summary>
/// <remarks>Created by <see cref="Simulation.Timeout"/>. Its name hides <see cref="System.Threading.Timeout"/> in files
/// that import this namespace; use <c>System.Threading.Timeout.InfiniteTimeSpan</c> there.</remarks>
public sealed class Timeout : Event
{
    internal Timeout(Simulation simulation, double delay, int priority)
        : base(simulation, ownerTriggered: true)
    {
        Delay = delay;
        MarkTriggered(failureReason: null);
        simulation.Schedule(this, delay, priority);
    }

    /// <summary>Seconds from its creation to its processing.</summary>
    public double Delay { get; }
}
