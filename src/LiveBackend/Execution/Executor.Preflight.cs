using Escalator.Model.Plans;

namespace Escalator.LiveBackend.Execution;

public sealed partial class Executor
{
    /// <summary>Refuses to start (or resume) on an unhealthy cloud: a service down, a host disabled by someone else, a server
    /// in ERROR, or too little free RAM for the largest evacuation still to come (but a parallel universe's moves). Null when healthy.</summary>
    private async Task<ExecutionResult?> PreflightAsync(CancellationToken cancellationToken)
    {
        var health = await _backend.CheckHealthAsync(cancellationToken).ConfigureAwait(true);
        var ours = Journal(j => j.StillDisabled(RunId)).Select(d => d.Host).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        // A host this run disabled may be down mid-upgrade when a run resumes: that is the run's own doing.
        problems.AddRange(health.ServicesDown.Where(s => !ours.Contains(s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..]))
            .Select(s => $"the service {s} is down"));
        problems.AddRange(health.DisabledHosts.Where(h => !ours.Contains(h.Host.Name))
            .Select(h => $"the host {h.Host} is disabled by someone else ({h.DisabledReason ?? "no reason given"})"));
        problems.AddRange(health.ServersInError.Select(s => $"the server {s} is in ERROR"));
        // A parallel universe's move waves fill the hosts its build waves bring up, not the free RAM there is now.
        var need = Plan.Waves.Where(w => w.Kind != WaveKind.Move).Select(EvacuatedRamGiB).DefaultIfEmpty(0).Max();
        if (need > health.FreeRamGiB + 1e-6)
        {
            problems.Add($"the largest wave moves {need:0.#} GiB of RAM and the enabled computes have {health.FreeRamGiB:0.#} GiB free");
        }
        if (problems.Count == 0)
        {
            Emit(0, "", "preflight", "ok", $"the cloud is healthy: {health.FreeRamGiB:0.#} GiB RAM and {health.FreeVcpu:0.#} vCPU free");
            return null;
        }
        return Refuse("preflight", "ESC-X02", $"the cloud is not healthy enough to start: {string.Join("; ", problems)}");
    }

    private double EvacuatedRamGiB(Wave wave) =>
        wave.Steps.SelectMany(s => s.Moves).Where(m => _instances.Contains(m.Instance)).Sum(m => _index.Instance(m.Instance).Flavor.RamGiB);
}
