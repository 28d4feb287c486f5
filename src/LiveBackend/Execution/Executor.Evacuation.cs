using Escalator.LiveBackend.Backends;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

public sealed partial class Executor
{
    /// <summary>How long an abort of a migration whose wait expired may take before the executor gives up on it.</summary>
    private static readonly TimeSpan AbortBound = TimeSpan.FromSeconds(60);

    /// <summary>Statuses of a server that a migration is under way for: a resumed step follows it instead of starting another.</summary>
    private static readonly HashSet<string> Moving = new(["MIGRATING", "RESIZE", "VERIFY_RESIZE"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Moves one VM to its planned destination (live, or cold when falling back), waits for the migration record
    /// to end, and aborts a live migration whose wait expired. A VM already gone from the source is done.</summary>
    private async Task<Attempt> EvacuateAsync(StepContext step, CancellationToken cancellationToken)
    {
        if (step.Step.Moves is not [var move, ..]) return Attempt.Success;
        var servers = await _backend.ServersOnAsync(move.From, cancellationToken).ConfigureAwait(true);
        if (servers.FirstOrDefault(s => s.Name == move.Instance.Name) is not { } server)
        {
            Emit(step.Wave.Number, step.Target, "Evacuate", "note", $"{move.Instance} is no longer on {move.From}: nothing to move");
            return Attempt.Success;
        }
        var mode = move.Chain[step.Fallbacks];
        var ticket = Moving.Contains(server.Status)
            ? new MigrationTicket(server, mode, null)
            : await _backend.StartMigrationAsync(new MigrationRequest(server, mode, move.To, step.Step.ExpectedSeconds, step.Fallbacks > 0), cancellationToken).ConfigureAwait(true);
        try
        {
            var result = await _backend.WaitMigrationAsync(ticket, cancellationToken).ConfigureAwait(true);
            return result.Completed ? Attempt.Success
                : Attempt.Fail($"{mode.ToString().ToLowerInvariant()} migration of {move.Instance} failed: {result.Error ?? "no reason given"}; it is on {result.Host}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && mode == MigrationMode.Live)
        {
            await AbortQuietlyAsync(step, ticket).ConfigureAwait(true);
            throw;
        }
    }

    /// <summary>Asks the cloud to abort a live migration whose wait expired, within <see cref="AbortBound"/>; a failed abort
    /// is logged, and the step's policy decides what next.</summary>
    private async Task AbortQuietlyAsync(StepContext step, MigrationTicket ticket)
    {
        using var bound = new CancellationTokenSource(AbortBound, _backend.Time);
        try
        {
            await _backend.AbortMigrationAsync(ticket, bound.Token).ConfigureAwait(true);
            Emit(step.Wave.Number, step.Target, "Evacuate", "aborted", $"aborted the live migration of {ticket.Server.Name}");
        }
        catch (Exception e) when (e is OperationCanceledException or BackendFault)
        {
            Emit(step.Wave.Number, step.Target, "Evacuate", "failed", $"could not abort the live migration of {ticket.Server.Name}: {e.Message}", "ESC-X12");
        }
    }
}
