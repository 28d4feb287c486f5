namespace Escalator.Simulator.Engine;

/// <summary>A discrete-event simulation: a clock, an event queue ordered by (time, priority, sequence), and processes.</summary>
/// <remarks>
/// <para>Single-threaded: one thread creates events, starts processes and runs the simulation. Equal (time, priority)
/// events are processed in the order they were scheduled, so a run is reproducible.</para>
/// <para>Time is in seconds since the start (<see cref="Now"/>); <see cref="Time"/> shows it as a
/// <see cref="TimeProvider"/> from an epoch.</para>
/// </remarks>
public sealed class Simulation
{
    private static readonly DateTimeOffset DefaultEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<Event, EventKey> _queue = new();
    private long _sequence;
    private bool _running;

    /// <param name="epoch">The wall-clock time of <see cref="Now"/> = 0; 2026-01-01T00:00:00Z by default.</param>
    public Simulation(DateTimeOffset? epoch = null)
    {
        Time = new VirtualTimeProvider(this, epoch ?? DefaultEpoch);
    }

    /// <summary>Seconds since the start: the time of the event being processed, or where the last run stopped.</summary>
    public double Now { get; private set; }

    /// <summary>How many events have been processed so far (withdrawn timer firings are not counted).</summary>
    public long ProcessedEvents { get; private set; }

    /// <summary>The process whose body is running, or null outside process bodies.</summary>
    public Process? ActiveProcess { get; internal set; }

    /// <summary>A <see cref="TimeProvider"/> over <see cref="Now"/>, for code written against time providers.</summary>
    public VirtualTimeProvider Time { get; }

    /// <summary>A pending event, to <see cref="Engine.Event.Succeed"/> or <see cref="Engine.Event.Fail"/> later.</summary>
    public Event Event() => new(this);

    /// <summary>An event triggered Ok now and processed <paramref name="delay"/> seconds from now.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative, infinite or NaN.</exception>
    public Timeout Timeout(double delay, int priority = Priority.Normal)
    {
        ThrowIfBadDelay(delay);
        return new Timeout(this, delay, priority);
    }

    /// <summary>Starts a process: its first step runs from the queue at <see cref="Now"/> (urgent priority), not in
    /// this call.</summary>
    public Process Start(IEnumerable<Event> body, string name = "process")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Process(this, body, name);
    }

    /// <summary>An event Ok once all <paramref name="events"/> are processed Ok, Failed with the reason of the first
    /// processed Failed as soon as it is; Ok at once for an empty list.</summary>
    /// <exception cref="ArgumentException">An event is null or belongs to another simulation.</exception>
    public Event AllOf(IReadOnlyList<Event> events) => Condition.Create(this, events, all: true);

    /// <summary>An event with the outcome of the first of <paramref name="events"/> processed; Ok at once for an empty
    /// list.</summary>
    /// <exception cref="ArgumentException">An event is null or belongs to another simulation.</exception>
    public Event AnyOf(IReadOnlyList<Event> events) => Condition.Create(this, events, all: false);

    /// <summary>Processes events until the queue is empty.</summary>
    /// <exception cref="InvalidOperationException">A process body threw (the exception names the process and the
    /// time), or <c>Run</c> was called from inside the simulation.</exception>
    public void Run()
    {
        EnterRun();
        try
        {
            while (_queue.TryDequeue(out var next, out var key))
            {
                ProcessEvent(next, key.Time);
            }
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Processes the events scheduled at or before <paramref name="until"/>, then sets <see cref="Now"/> to
    /// it; later events stay queued. <see cref="double.PositiveInfinity"/> runs like <see cref="Run()"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is NaN or before <see cref="Now"/>.</exception>
    public void Run(double until)
    {
        if (double.IsNaN(until) || until < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"must not be before now ({Now:R} s).");
        }
        EnterRun();
        try
        {
            while (_queue.TryPeek(out var next, out var key) && key.Time <= until)
            {
                _queue.Dequeue();
                ProcessEvent(next, key.Time);
            }
            if (!double.IsPositiveInfinity(until)) Now = until;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Processes events until <paramref name="until"/> is processed (or the queue is empty), then the rest scheduled at
    /// that same time; later events stay queued.</summary>
    /// <exception cref="ArgumentException"><paramref name="until"/> belongs to another simulation.</exception>
    public void Run(Event until)
    {
        ArgumentNullException.ThrowIfNull(until);
        if (until.Simulation != this) throw new ArgumentException("the event belongs to another simulation.", nameof(until));
        while (until.State != EventState.Processed && Step())
        {
            // each step processes one event
        }
        Run(Now);
    }

    /// <summary>Processes the next event, if any; for drivers that interleave the simulation with other work (a loop
    /// that runs awaited continuations between events).</summary>
    /// <returns>False when the queue is empty.</returns>
    /// <exception cref="InvalidOperationException">Called from inside the simulation.</exception>
    public bool Step()
    {
        EnterRun();
        try
        {
            if (!_queue.TryDequeue(out var next, out var key)) return false;
            ProcessEvent(next, key.Time);
            return true;
        }
        finally
        {
            _running = false;
        }
    }

    internal void Schedule(Event e, double delay, int priority) =>
        _queue.Enqueue(e, new EventKey(Now + delay, priority, _sequence++));

    internal static void ThrowIfBadDelay(double delay)
    {
        if (!double.IsFinite(delay) || delay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "must be finite and not negative (seconds).");
        }
    }

    private void ProcessEvent(Event e, double time)
    {
        if (e.IsWithdrawn) return;
        Now = time;
        e.State = EventState.Processed;
        ProcessedEvents++;
        e.NotifyWaiters();
    }

    private void EnterRun()
    {
        if (_running)
        {
            throw new InvalidOperationException("Run was called from inside the simulation (a process body or a callback).");
        }
        _running = true;
    }
}
