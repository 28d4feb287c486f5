namespace Escalator.Simulator.Engine;

/// <summary>Records the changes of a value over simulated time: (time, value) each time it changes.</summary>
/// <remarks>A value equal to the last one recorded is skipped, so <see cref="Changes"/> is a step function; two changes
/// at the same time are both kept, the first lasting zero seconds.</remarks>
public sealed class Monitor<T>
{
    private readonly List<(double Time, T Value)> _changes = [];

    /// <summary>A monitor with nothing recorded yet.</summary>
    public Monitor(Simulation simulation, string name)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Simulation = simulation;
        Name = name;
    }

    /// <summary>A monitor that records <paramref name="initial"/> at once.</summary>
    public Monitor(Simulation simulation, string name, T initial)
        : this(simulation, name)
    {
        Record(initial);
    }

    /// <summary>The simulation whose clock times the changes.</summary>
    public Simulation Simulation { get; }

    /// <summary>The name given at creation.</summary>
    public string Name { get; }

    /// <summary>The changes in the order recorded, each with its time in seconds.</summary>
    public IReadOnlyList<(double Time, T Value)> Changes => _changes;

    /// <summary>Whether a value has been recorded.</summary>
    public bool HasValue => _changes.Count > 0;

    /// <summary>The last value recorded.</summary>
    /// <exception cref="InvalidOperationException">Nothing has been recorded yet.</exception>
    public T Current => _changes.Count > 0
        ? _changes[^1].Value
        : throw new InvalidOperationException($"Monitor '{Name}' has recorded nothing yet.");

    /// <summary>Records <paramref name="value"/> at the current time, unless it equals the last value recorded.</summary>
    public void Record(T value)
    {
        if (_changes.Count > 0 && EqualityComparer<T>.Default.Equals(_changes[^1].Value, value)) return;
        _changes.Add((Simulation.Now, value));
    }

    public override string ToString() => $"monitor '{Name}' ({_changes.Count} changes)";
}
