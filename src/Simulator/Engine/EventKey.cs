namespace Escalator.Simulator.Engine;

/// <summary>The order of the event queue: time, then priority, then the sequence number of the scheduling.</summary>
/// <remarks>The sequence number is unique per simulation, so no two keys are equal and the order is total: equal
/// (time, priority) events come out first in, first out, which <see cref="PriorityQueue{TElement, TPriority}"/> does
/// not guarantee by itself.</remarks>
internal readonly record struct EventKey(double Time, int Priority, long Sequence) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        // Times are finite (delays are validated), so no NaN reaches these comparisons.
        if (Time != other.Time) return Time < other.Time ? -1 : 1;
        if (Priority != other.Priority) return Priority < other.Priority ? -1 : 1;
        return Sequence.CompareTo(other.Sequence);
    }
}
