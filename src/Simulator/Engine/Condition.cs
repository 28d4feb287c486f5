namespace Escalator.Simulator.Engine;

/// <summary>The event of <see cref="Simulation.AllOf"/> and <see cref="Simulation.AnyOf"/>: it follows a list of events.</summary>
/// <remarks>All of: Ok once every event is processed Ok, Failed with the reason of the first one processed Failed.
/// Any of: the outcome of the first event processed. An empty list is Ok at once for both.</remarks>
internal sealed class Condition : Event
{
    private readonly bool _all;
    private int _remaining;

    private Condition(Simulation simulation, bool all, int count)
        : base(simulation, ownerTriggered: true)
    {
        _all = all;
        _remaining = count;
    }

    public static Condition Create(Simulation simulation, IReadOnlyList<Event> events, bool all)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"events[{i}] is null.", nameof(events));
            if (!ReferenceEquals(e.Simulation, simulation))
            {
                throw new ArgumentException($"events[{i}] ({e}) belongs to another simulation.", nameof(events));
            }
        }
        var condition = new Condition(simulation, all, events.Count);
        if (events.Count == 0)
        {
            condition.Trigger(failureReason: null, delay: 0, Priority.Normal);
            return condition;
        }
        for (var i = 0; i < events.Count && condition.State == EventState.Pending; i++)
        {
            var e = events[i];
            if (e.State == EventState.Processed)
            {
                condition.OnEventProcessed(e);
            }
            else
            {
                e.AddWaiter(condition);
            }
        }
        return condition;
    }

    /// <summary>Takes in one processed event of the list; once the outcome is known, later ones are ignored.</summary>
    public void OnEventProcessed(Event processed)
    {
        if (State != EventState.Pending) return;
        if (processed.IsFailed)
        {
            Trigger(processed.FailureReason, delay: 0, Priority.Normal);
        }
        else if (!_all || --_remaining == 0)
        {
            Trigger(failureReason: null, delay: 0, Priority.Normal);
        }
    }

    public override string ToString() => $"{(_all ? "AllOf" : "AnyOf")} ({Describe()})";
}
