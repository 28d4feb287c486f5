using System.Diagnostics.CodeAnalysis;

namespace Escalator.Simulator.Engine;

/// <summary>Something that happens at a point of simulated time and ends Ok or Failed; processes wait on events.</summary>
/// <remarks>
/// <para>An event is <see cref="EventState.Pending"/> until it is triggered: its outcome is then fixed and it is
/// scheduled (<see cref="EventState.Triggered"/>). When the simulation reaches it, it is
/// <see cref="EventState.Processed"/>: the processes and callbacks waiting on it run, in the order they began to wait.</para>
/// <para>Waiters are kept as one field plus a list for the rare extra ones, so waiting allocates nothing.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Justification = "Event is the name of the concept in every DES kernel (SimPy, SimSharp); this is a C# API.")]
public class Event
{
    // The first waiter (a Process, a Condition or an Action<Event>), then any others in the order they came.
    private object? _waiter;
    private List<object>? _moreWaiters;
    private bool _failed;
    private readonly bool _ownerTriggered;

    /// <param name="ownerTriggered">Whether only the engine triggers this event (a process, a request, a condition):
    /// <see cref="Succeed"/> and <see cref="Fail"/> then throw.</param>
    private protected Event(Simulation simulation, bool ownerTriggered)
    {
        Simulation = simulation;
        _ownerTriggered = ownerTriggered;
    }

    internal Event(Simulation simulation) : this(simulation, ownerTriggered: false)
    {
    }

    /// <summary>The simulation this event belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>Pending, triggered or processed.</summary>
    public EventState State { get; internal set; }

    /// <summary>Whether the event has been triggered Ok (it may not be processed yet).</summary>
    public bool IsOk => State != EventState.Pending && !_failed;

    /// <summary>Whether the event has been triggered Failed (it may not be processed yet).</summary>
    public bool IsFailed => State != EventState.Pending && _failed;

    /// <summary>Why the event failed; null unless <see cref="IsFailed"/>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>A timer event withdrawn from the queue: skipped when it comes up, without advancing the clock.</summary>
    internal bool IsWithdrawn { get; set; }

    /// <summary>Triggers the event Ok: it is processed at <c>Now + delay</c>.</summary>
    /// <param name="delay">Seconds from now; finite and not negative.</param>
    /// <param name="priority">Among events of the same time, lower first (see <see cref="Engine.Priority"/>).</param>
    /// <exception cref="InvalidOperationException">The event is already triggered, or only the engine triggers it
    /// (a process, a request, a timeout, a condition).</exception>
    public void Succeed(double delay = 0, int priority = Priority.Normal)
    {
        ThrowIfOwnerTriggered();
        Trigger(failureReason: null, delay, priority);
    }

    /// <summary>Triggers the event Failed with a reason: it is processed at <c>Now + delay</c>.</summary>
    /// <exception cref="InvalidOperationException">As for <see cref="Succeed"/>.</exception>
    public void Fail(string reason, double delay = 0, int priority = Priority.Normal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ThrowIfOwnerTriggered();
        Trigger(reason, delay, priority);
    }

    /// <summary>Calls <paramref name="callback"/> when the event is processed, after the waiters registered before it.</summary>
    /// <exception cref="InvalidOperationException">The event is already processed.</exception>
    public void OnProcessed(Action<Event> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (State == EventState.Processed)
        {
            throw new InvalidOperationException($"{this} is already processed: its callbacks have run.");
        }
        AddWaiter(callback);
    }

    public override string ToString() => $"{GetType().Name} ({Describe()})";

    private protected string Describe() => State == EventState.Pending ? "pending" : $"{State}, {(_failed ? "Failed" : "Ok")}";

    /// <summary>Fixes the outcome (Failed when <paramref name="failureReason"/> is not null) and schedules the event.</summary>
    internal void Trigger(string? failureReason, double delay, int priority)
    {
        if (State != EventState.Pending)
        {
            throw new InvalidOperationException($"{this} is already triggered: an event ends once.");
        }
        Simulation.ThrowIfBadDelay(delay);
        MarkTriggered(failureReason);
        Simulation.Schedule(this, delay, priority);
    }

    /// <summary>Fixes the outcome without scheduling; the caller schedules.</summary>
    internal void MarkTriggered(string? failureReason)
    {
        _failed = failureReason is not null;
        FailureReason = failureReason;
        State = EventState.Triggered;
    }

    internal void AddWaiter(object waiter)
    {
        if (_waiter is null && _moreWaiters is null)
        {
            _waiter = waiter;
            return;
        }
        (_moreWaiters ??= []).Add(waiter);
    }

    internal void RemoveWaiter(object waiter)
    {
        if (ReferenceEquals(_waiter, waiter))
        {
            _waiter = null;
            return;
        }
        _moreWaiters?.Remove(waiter);
    }

    /// <summary>Resumes the waiters once the event is processed; each is resumed once.</summary>
    internal void NotifyWaiters()
    {
        var first = _waiter;
        if (first is not null)
        {
            _waiter = null;
            Notify(first);
        }
        var more = _moreWaiters;
        if (more is not null)
        {
            _moreWaiters = null;
            foreach (var waiter in more)
            {
                Notify(waiter);
            }
        }
    }

    private void Notify(object waiter)
    {
        // Process first: it is sealed, so this test is one type-handle comparison on the hot path.
        if (waiter is Process process)
        {
            process.Resume(this);
        }
        else if (waiter is Condition condition)
        {
            condition.OnEventProcessed(this);
        }
        else
        {
            ((Action<Event>)waiter)(this);
        }
    }

    private void ThrowIfOwnerTriggered()
    {
        if (_ownerTriggered)
        {
            throw new InvalidOperationException($"{this} is triggered by the engine only, not by Succeed or Fail.");
        }
    }
}
