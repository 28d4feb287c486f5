using Escalator.LiveBackend.Journal;

namespace Escalator.LiveBackend.Execution;

/// <summary>Where one run is performed: builds the backend and the VNFM coordinator for a request and drives the
/// executor to its end on the calling thread. <c>escalator run</c> and <c>escalator serve</c> share it.</summary>
public interface IRunEngine
{
    /// <summary>The clock of the run: the journal records in it (virtual for the simulated data centre).</summary>
    TimeProvider Time { get; }

    /// <summary>Whether the journal should be synced to disk at every commit (a real cloud: yes; a dry run: no).</summary>
    bool Durable { get; }

    /// <summary>Runs or resumes <paramref name="request"/> to its end, a stop asked for in the journal, or a refusal.</summary>
    ExecutionResult Execute(ExecutionRequest request, CampaignJournal journal, ExecutionOptions options, Action<ExecutionEvent> emit,
        CancellationToken cancellationToken);
}
