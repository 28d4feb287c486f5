namespace Escalator.Simulator.Engine;

/// <summary>A process: an iterator of events that runs until the event it yields is processed, then resumes.</summary>
/// <remarks>
/// <para>As an event, a process triggers Ok when its body ends, or Failed when the body called
/// <see cref="FailWith"/> or the process was cancelled; other processes wait for it by yielding it.</para>
/// <para>The body inspects the yielded event's <see cref="Event.IsOk"/>/<see cref="Event.IsFailed"/> itself after it
/// resumes: nothing is thrown into it. An exception thrown by the body is a programming error: it leaves
/// <see cref="Simulation.Run()"/> wrapped in an <see cref="InvalidOperationException"/> that names the process and the time.</para>
/// </remarks>
public sealed class Process : Event
{
    private IEnumerator<Event>? _body;
    private Event? _target;
    private string? _failWith;
    private bool _running;

    internal Process(Simulation simulation, IEnumerable<Event> body, string name)
        : base(simulation, ownerTriggered: true)
    {
        Name = name;
        _body = body.GetEnumerator();
        // The first step runs from the queue, at once but after the code that started the process.
        var start = new Event(simulation);
        start.AddWaiter(this);
        _target = start;
        start.Trigger(failureReason: null, delay: 0, Priority.Urgent);
    }

    /// <summary>The name given at the start, used in error messages.</summary>
    public string Name { get; }

    /// <summary>Whether the body has not ended yet (neither finished, failed, nor been cancelled).</summary>
    public bool IsAlive => _body is not null;

    /// <summary>Ends the process at once: disposes the body (its <c>finally</c> blocks run, e.g. to release
    /// resources) and triggers the process Failed with <paramref name="reason"/>. Does nothing if it has ended.</summary>
    /// <exception cref="InvalidOperationException">The process is cancelling itself from its own body (use
    /// <see cref="FailWith"/> and <c>yield break</c>), or its <c>finally</c> blocks threw.</exception>
    public void Cancel(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (_body is null) return;
        if (_running)
        {
            throw new InvalidOperationException(
                $"Process '{Name}' cannot cancel itself while it runs: call FailWith and yield break instead.");
        }
        _target?.RemoveWaiter(this);
        _target = null;
        var body = _body;
        _body = null;
        var simulation = Simulation;
        var previous = simulation.ActiveProcess;
        // The finally blocks are the body's code: they run as this process, which cannot cancel itself meanwhile.
        simulation.ActiveProcess = this;
        _running = true;
        try
        {
            body.Dispose();
        }
        catch (Exception ex)
        {
            Trigger(reason, delay: 0, Priority.Normal);
            throw Wrap(ex, "while it was cancelled");
        }
        finally
        {
            _running = false;
            simulation.ActiveProcess = previous;
        }
        Trigger(reason, delay: 0, Priority.Normal);
    }

    /// <summary>Makes the process end Failed with <paramref name="reason"/> when its body ends; the body calls it
    /// (through <see cref="Simulation.ActiveProcess"/>), then <c>yield break</c>.</summary>
    /// <exception cref="InvalidOperationException">The process is not the one running.</exception>
    public void FailWith(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!_running || _body is null)
        {
            throw new InvalidOperationException(
                $"FailWith is called by the body of process '{Name}' while it runs, not from outside it.");
        }
        _failWith = reason;
    }

    public override string ToString() => $"process '{Name}' ({Describe()})";

    /// <summary>Continues the body once the event it waits on is processed.</summary>
    internal void Resume(Event processed)
    {
        // A process cancelled while the event's waiters were being notified must stay ended.
        if (!ReferenceEquals(processed, _target)) return;
        _target = null;
        var simulation = Simulation;
        var previous = simulation.ActiveProcess;
        simulation.ActiveProcess = this;
        _running = true;
        try
        {
            Advance(simulation);
        }
        finally
        {
            _running = false;
            simulation.ActiveProcess = previous;
        }
    }

    private void Advance(Simulation simulation)
    {
        var body = _body!;
        // A loop, not recursion: a body may yield any number of already processed events in a row.
        while (true)
        {
            bool moved;
            try
            {
                moved = body.MoveNext();
            }
            catch (Exception ex)
            {
                End(body, $"{ex.GetType().Name}: {ex.Message}");
                throw Wrap(ex, "in its body");
            }
            if (!moved)
            {
                End(body, _failWith);
                return;
            }
            var next = body.Current;
            if (next is null || !ReferenceEquals(next.Simulation, simulation) || ReferenceEquals(next, this))
            {
                var problem = BadYield(next);
                End(body, problem.Message);
                throw problem;
            }
            if (next.State != EventState.Processed)
            {
                _target = next;
                next.AddWaiter(this);
                return;
            }
        }
    }

    private void End(IEnumerator<Event> body, string? failureReason)
    {
        _body = null;
        body.Dispose();
        Trigger(failureReason, delay: 0, Priority.Normal);
    }

    private InvalidOperationException BadYield(Event? yielded)
    {
        var what = yielded is null ? "null"
            : ReferenceEquals(yielded, this) ? "itself (it would wait forever)"
            : "an event of another simulation";
        return new InvalidOperationException(
            $"Process '{Name}' yielded {what} at simulation time {Simulation.Now:R} s: a body yields events of its own simulation.");
    }

    private InvalidOperationException Wrap(Exception ex, string where) =>
        new($"Process '{Name}' threw {ex.GetType().Name} {where} at simulation time {Simulation.Now:R} s: {ex.Message}", ex);
}
