using System.Collections.Concurrent;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Simulated;

/// <summary>Runs asynchronous code (the executor) in a simulation's virtual time, on the calling thread: awaited
/// continuations run from a queue, and when none is left the simulation processes its next event (a timer, a
/// migration ending), so virtual time jumps straight to the next thing that happens.</summary>
/// <remarks>Code run this way must not block on other threads or hop to the thread pool: everything it awaits is a
/// timer of <see cref="Simulation.Time"/> or a task completed by the simulation.</remarks>
public static class VirtualTimeLoop
{
    /// <summary>Runs <paramref name="body"/> to completion and returns its result (or throws its exception).</summary>
    /// <exception cref="InvalidOperationException">The body waits for something that nothing scheduled will ever
    /// complete: a deadlock in virtual time.</exception>
    public static T Run<T>(Simulation simulation, Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(body);
        var previous = SynchronizationContext.Current;
        var pump = new Pump();
        SynchronizationContext.SetSynchronizationContext(pump);
        try
        {
            var task = body();
            while (!task.IsCompleted)
            {
                if (pump.RunPending()) continue;
                if (!simulation.Step())
                {
                    throw new InvalidOperationException($"the run waits at {simulation.Now:0.###} s of virtual time for something that will never happen");
                }
            }
            pump.RunPending();
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>The loop's synchronization context: continuations are queued and run by <see cref="Run{T}"/>.</summary>
    private sealed class Pump : SynchronizationContext
    {
        private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();

        public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) => d(state);

        public override SynchronizationContext CreateCopy() => this;

        /// <summary>Runs what is queued, including what that queues; false when nothing was.</summary>
        public bool RunPending()
        {
            var ran = false;
            while (_queue.TryDequeue(out var item))
            {
                item.Callback(item.State);
                ran = true;
            }
            return ran;
        }
    }
}
