using System.Collections.Concurrent;

namespace Escalator.LiveBackend.Tests.OpenStack;

/// <summary>A clock for tests in which waiting costs nothing: a timer due sooner than <c>fireBelow</c> fires at once (moving the
/// clock on by its due time), a later one only when the test moves the clock past it. Every short wait is recorded.</summary>
/// <remarks>Retry delays are short and fire at once; a call's deadline (longer) does not, unless a test sets a short one.</remarks>
internal sealed class InstantTime(DateTimeOffset start, TimeSpan fireBelow) : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly List<Timer> _pending = [];
    private readonly TimeSpan _fireBelow = fireBelow;
    private DateTimeOffset _now = start;

    public InstantTime() : this(Start, TimeSpan.FromSeconds(25))
    {
    }

    /// <summary>The due times of the timers that fired at once, in order.</summary>
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_lock)
        {
            _now += by;
            due = _pending.Where(t => t.DueAt <= _now).ToList();
            _pending.RemoveAll(due.Contains);
        }
        foreach (var timer in due) timer.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(InstantTime time, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _stopped;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time._lock) time._pending.Remove(this);
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            _stopped = false;
            if (dueTime < time._fireBelow)
            {
                time.Waits.Enqueue(dueTime);
                lock (time._lock) time._now += dueTime;
                ThreadPool.QueueUserWorkItem(_ => Fire());
                return true;
            }
            lock (time._lock)
            {
                DueAt = time._now + dueTime;
                time._pending.Add(this);
            }
            return true;
        }

        public void Fire()
        {
            if (!_stopped) callback(state);
        }

        public void Dispose()
        {
            _stopped = true;
            lock (time._lock) time._pending.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
