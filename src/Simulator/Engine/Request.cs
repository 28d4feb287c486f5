namespace Escalator.Simulator.Engine;

/// <summary>A request for a unit of a <see cref="Engine.Resource"/>: triggers Ok when the unit is granted.</summary>
/// <remarks>Dispose releases the unit if it was granted, or leaves the queue if not (the request then stays pending);
/// disposing again does nothing. A process writes <c>using var request = resource.Request(); yield return request;</c>
/// so the unit is released when the body leaves the scope, also when the process is cancelled.</remarks>
public sealed class Request : Event, IDisposable
{
    private Phase _phase;

    internal Request(Resource resource)
        : base(resource.Simulation, ownerTriggered: true)
    {
        Resource = resource;
    }

    private enum Phase
    {
        Waiting,
        Granted,
        Done,
    }

    /// <summary>The resource requested.</summary>
    public Resource Resource { get; }

    /// <summary>Releases the unit if it was granted, else leaves the queue; idempotent.</summary>
    public void Dispose()
    {
        var phase = _phase;
        _phase = Phase.Done;
        if (phase == Phase.Granted)
        {
            Resource.Release();
        }
        else if (phase == Phase.Waiting)
        {
            Resource.Withdraw(this);
        }
    }

    public override string ToString() => $"request of {Resource.Name} ({Describe()})";

    internal void Grant()
    {
        _phase = Phase.Granted;
        Trigger(failureReason: null, delay: 0, Priority.Normal);
    }
}
