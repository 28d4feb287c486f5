using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.Simulated;

namespace Escalator.Service.Tests;

/// <summary>A gate shared by the engines of a test: executions stop at the first wave until the test opens it.</summary>
internal sealed class Gate : IDisposable
{
    private readonly ManualResetEventSlim _open = new(false);

    /// <summary>Completes when an execution has reached the gate and waits there.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.Set();

    /// <summary>The simulated data centre, stopping at the first "wave started" while the gate is shut (a minute at most).</summary>
    public IRunEngine Engine() => new GatedEngine(this);

    private void Pass(ExecutionEvent e)
    {
        if (e is not { Action: "wave", Outcome: "started" } || _open.IsSet) return;
        Reached.TrySetResult();
        _open.Wait(TimeSpan.FromMinutes(1));
    }

    public void Dispose() => _open.Dispose();

    private sealed class GatedEngine(Gate gate) : IRunEngine
    {
        private readonly SimulatedEngine _inner = new(TimeProvider.System.GetUtcNow(), 1, faults: false);

        public TimeProvider Time => _inner.Time;

        public bool Durable => _inner.Durable;

        public ExecutionResult Execute(ExecutionRequest request, CampaignJournal journal, ExecutionOptions options, Action<ExecutionEvent> emit,
            CancellationToken cancellationToken) =>
            _inner.Execute(request, journal, options, e =>
            {
                emit(e);
                gate.Pass(e);
            }, cancellationToken);
    }
}
