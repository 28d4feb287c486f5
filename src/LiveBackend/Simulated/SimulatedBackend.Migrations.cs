using Escalator.LiveBackend.Backends;
using Escalator.Model.Topology;
using Escalator.Model.Semantics;
using MigrationMode = Escalator.Model.Topology.MigrationMode;

namespace Escalator.LiveBackend.Simulated;

public sealed partial class SimulatedBackend
{
    /// <summary>How long Nova takes to fail a migration to a host that cannot take it (it answers 202 first).</summary>
    private const double RefusalSeconds = 2;

    private int _migrationCount;

    /// <summary>A migration in flight: its end, and the switch that aborts it.</summary>
    private sealed class Migration(string id)
    {
        public string Id { get; } = id;

        public CancellationTokenSource Abort { get; } = new();

        public Task<MigrationResult> Done { get; set; } = Task.FromResult(new MigrationResult(false, default, "not started"));
    }

    public async Task<MigrationTicket> StartMigrationAsync(ServerInfo server, MigrationMode mode, HostId? destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await ApiAsync(cancellationToken).ConfigureAwait(true);
        var s = _servers[server.Name];
        if (s.Migration is { } running) return new MigrationTicket(server, mode, running.Id);
        var to = destination ?? Destination(s);
        var m = new Migration($"sim-{++_migrationCount}");
        _migrations[m.Id] = m;
        s.Migration = m;
        var (seconds, error) = to is not { } target ? (RefusalSeconds, "No valid host was found") : Duration(s, mode, target);
        m.Done = MoveAsync(s, m, to, seconds, error);
        return new MigrationTicket(server, mode, m.Id);
    }

    public async Task<MigrationResult> WaitMigrationAsync(MigrationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var s = _servers[ticket.Server.Name];
        var m = ticket.MigrationId is { } id ? _migrations[id] : s.Migration;
        if (m is null) return new MigrationResult(s.Host != ticket.Server.Host, s.Host, s.Host == ticket.Server.Host ? "no migration found" : null);
        return await m.Done.WaitAsync(cancellationToken).ConfigureAwait(true);
    }

    public async Task AbortMigrationAsync(MigrationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await ApiAsync(cancellationToken).ConfigureAwait(true);
        // Cancel, not CancelAsync: the latter runs the callbacks on the thread pool, and virtual time would run on without them.
#pragma warning disable CA1849
        if (ticket.MigrationId is { } id && _migrations.TryGetValue(id, out var m)) m.Abort.Cancel();
#pragma warning restore CA1849
    }

    /// <summary>The migration's length and, when it will fail, why: pre-copy for live (a drawn non-convergence dirties
    /// memory faster than the link sends it), disk over the link plus a boot for cold; a disabled destination refuses.</summary>
    private (double Seconds, string? Error) Duration(ServerRecord s, MigrationMode mode, HostId to)
    {
        var h = Record(to);
        if (!h.Enabled || !h.Up) return (RefusalSeconds, $"the destination {to} is disabled or down");
        var flavor = s.Instance.Flavor;
        if (mode == MigrationMode.Cold) return (flavor.DiskGiB / _settings.MigrationGiBps + _settings.ColdBootSeconds, null);
        var memory = Math.Max(0.01, s.Vnf.Migration.UsedMemoryGiB ?? flavor.RamGiB);
        var dirty = _faults && _sampler.Chance(_settings.Faults.MigrationNoConvergence)
            ? 2 * _settings.MigrationGiBps
            : s.Vnf.Migration.DirtyRateMiBps / 1024;
        var outcome = PreCopy.Migrate(memory, _settings.MigrationGiBps, dirty, _settings.LiveMigration);
        return (outcome.Seconds, outcome.Moved ? null : "Migration pre-check error: the live migration did not converge and was aborted at the completion timeout");
    }

    private async Task<MigrationResult> MoveAsync(ServerRecord s, Migration m, HostId? to, double seconds, string? error)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), Time, m.Abort.Token).ConfigureAwait(true);
        }
        catch (OperationCanceledException)
        {
            s.Migration = null;
            return new MigrationResult(false, s.Host, "aborted on request");
        }
        s.Migration = null;
        if (error is not null || to is not { } target) return new MigrationResult(false, s.Host, error);
        Move(s, target);
        return new MigrationResult(true, target, null);
    }

    /// <summary>The scheduler's choice: an enabled compute of the same site with room, away from the VNF's other instances
    /// at its anti-affinity scope, with the most free RAM.</summary>
    private HostId? Destination(ServerRecord s)
    {
        var from = _index.Host(s.Host);
        var flavor = s.Instance.Flavor;
        var scope = s.Vnf.AntiAffinity;
        var blocked = scope == AntiAffinity.None ? [] : s.Vnf.Instances.Where(i => i.Id != s.Instance.Id)
            .Select(i => FaultDomain.Of(_index.Host(_servers[i.Id.Name].Host), scope)).ToHashSet(StringComparer.Ordinal);
        HostId? best = null;
        var bestFree = double.NegativeInfinity;
        foreach (var h in _hosts.Values)
        {
            if (!h.Enabled || !h.Up || h.Host.Id == s.Host || h.Host.Site != from.Site || !h.Host.Roles.HasFlag(HostRoles.Compute)) continue;
            var (vcpu, ram) = Load(h.Host.Id);
            var free = h.Host.Capacity.AllocatableRamGiB - ram;
            if (free < flavor.RamGiB || h.Host.Capacity.AllocatableVcpu - vcpu < flavor.Vcpu || free <= bestFree) continue;
            if (blocked.Count > 0 && blocked.Contains(FaultDomain.Of(h.Host, scope))) continue;
            (best, bestFree) = (h.Host.Id, free);
        }
        return best;
    }

    private (double Vcpu, double Ram) Load(HostId host)
    {
        double vcpu = 0, ram = 0;
        foreach (var server in _onHost[host]) (vcpu, ram) = (vcpu + server.Instance.Flavor.Vcpu, ram + server.Instance.Flavor.RamGiB);
        return (vcpu, ram);
    }
}
