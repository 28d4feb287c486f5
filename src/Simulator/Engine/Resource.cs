namespace Escalator.Simulator.Engine;

/// <summary>A resource of a fixed capacity (counters, migration slots, an API's concurrency): processes request a unit,
/// wait until it is granted, and release it by disposing the request.</summary>
/// <remarks>Requests wait in order of priority (lower first), then of arrival. A unit is granted as soon as it is free:
/// the grant triggers the request Ok at the current time.</remarks>
public sealed class Resource
{
    private readonly PriorityQueue<Request, (int Priority, long Arrival)> _waiting = new();
    private long _arrivals;

    /// <summary>A resource of <paramref name="capacity"/> units, all free.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public Resource(Simulation simulation, int capacity, string name = "resource")
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Simulation = simulation;
        Capacity = capacity;
        Name = name;
    }

    /// <summary>The simulation the resource belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>How many units there are.</summary>
    public int Capacity { get; }

    /// <summary>How many units are granted and not released.</summary>
    public int InUse { get; private set; }

    /// <summary>How many requests wait for a unit.</summary>
    public int Queued => _waiting.Count;

    /// <summary>The name given at creation.</summary>
    public string Name { get; }

    /// <summary>Requests a unit: the returned event triggers Ok when it is granted. Dispose it to release the unit or,
    /// before the grant, to leave the queue.</summary>
    /// <param name="priority">Lower values are served first; equal ones in order of arrival.</param>
    public Request Request(int priority = Priority.Normal)
    {
        var request = new Request(this);
        if (InUse < Capacity)
        {
            Grant(request);
        }
        else
        {
            _waiting.Enqueue(request, (priority, _arrivals++));
        }
        return request;
    }

    public override string ToString() => $"resource '{Name}' ({InUse}/{Capacity} in use, {Queued} queued)";

    /// <summary>Frees the unit of a granted request and grants it to the next request waiting.</summary>
    internal void Release()
    {
        InUse--;
        if (_waiting.TryDequeue(out var next, out _))
        {
            Grant(next);
        }
    }

    /// <summary>Takes a request that was not granted out of the queue.</summary>
    internal void Withdraw(Request request) => _waiting.Remove(request, out _, out _);

    private void Grant(Request request)
    {
        InUse++;
        request.Grant();
    }
}
