using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Simulated;

/// <summary>Runs a campaign on the simulated data centre, in virtual time starting at <paramref name="start"/>; with
/// <paramref name="expected"/>, every duration at its expected value (the run <c>simulate --expected</c> makes).</summary>
/// <remarks>The data centre lives in memory: one engine performs one run, and a simulated run resumes only within one
/// process (across processes the journal still refuses to redo what it recorded as done).</remarks>
public sealed class SimulatedEngine(DateTimeOffset start, int seed, bool faults, bool expected = false) : IRunEngine
{
    private readonly Simulation _simulation = new(start);

    public TimeProvider Time => _simulation.Time;

    public bool Durable => false;

    /// <summary>The data centre of the last run (for tests).</summary>
    public SimulatedBackend? Backend { get; private set; }

    /// <summary>The VNFMs of the last run (for tests).</summary>
    public SimulatedVnfm? Vnfm { get; private set; }

    public ExecutionResult Execute(ExecutionRequest request, CampaignJournal journal, ExecutionOptions options, Action<ExecutionEvent> emit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Backend = new SimulatedBackend(request.Topology, request.Campaign, _simulation, seed, faults, expected);
        Vnfm = new SimulatedVnfm(request.Topology, request.Campaign, _simulation, seed, faults, expected);
        var executor = new Executor(Backend, journal, Vnfm, request, options, emit);
        return VirtualTimeLoop.Run(_simulation, () => executor.RunAsync(cancellationToken));
    }
}
