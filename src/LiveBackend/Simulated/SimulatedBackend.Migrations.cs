using Escalator.LiveBackend.Backends;
using Escalator.Model.Topology;
using Escalator.Model.Semantics;
using MigrationMode = Escalator.Model.Topology.MigrationMode;

namespace Escalator.LiveBackend.Simulated;

public sealed partial class SimulatedBackend
{
    private int _migrationCount;

    /// <summary>A migration in flight: its end, and the switch that aborts it.</summary>
    private sealed class Migration(string id)
    {
        public string Id { get; } = id;

        public CancellationTokenSource Abort { get; } = new();

        public Task<MigrationResult> Done { get; set; } = Task.FromResult(new MigrationResult(false, default, "not started"));
    }

    /// <summary>Starts a migration as Nova would: to the given destination if the <see cref="Scheduler"/> lets it take the
    /// server now, else (none given) where the scheduler sends it; no such host fails the migration at once ("No valid
    /// host"). It lasts what the one duration model says (<see cref="DurationModel.Move"/>), drawn; with faults on, a live
    /// migration may not converge.</summary>
    public async Task<MigrationTicket> StartMigrationAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await ApiAsync(cancellationToken).ConfigureAwait(true);
        var s = _servers[request.Server.Name];
        if (s.Migration is { } running) return new MigrationTicket(request.Server, request.Mode, running.Id);
        var view = new View(this);
        var id = s.Instance.Id;
        var to = request.Destination is { } planned
            ? _scheduler.CanTake(view, id, planned, moveOnce: false) ? planned : null
            : _scheduler.Choose(view, id, moveOnce: false);
        var m = new Migration($"sim-{++_migrationCount}");
        _migrations[m.Id] = m;
        s.Migration = m;
        m.Done = to is { } target ? MoveAsync(s, m, target, Timing(s, request)) : RefuseAsync(s, request.Destination);
        return new MigrationTicket(request.Server, request.Mode, m.Id);
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

    /// <summary>The one duration model's figure for this move, with a drawn non-convergence when faults are on.</summary>
    private MoveTiming Timing(ServerRecord s, MigrationRequest request)
    {
        var flavor = s.Instance.Flavor;
        return request.Mode == MigrationMode.Live && _faults && _sampler.Chance(_settings.Faults.MigrationNoConvergence)
            ? _durations.NonConverging(s.Vnf, flavor)
            : _durations.Move(s.Vnf, flavor, request.Mode, request.PlannedSeconds, first: !request.Fallback);
    }

    private static Task<MigrationResult> RefuseAsync(ServerRecord s, HostId? destination)
    {
        s.Migration = null;
        var why = destination is { } d ? $"No valid host was found: {d} cannot take {s.Instance.Id} now" : "No valid host was found";
        return Task.FromResult(new MigrationResult(false, s.Host, why));
    }

    /// <summary>Runs a migration: the destination's resources are claimed from the start; a cold move stops the VM at once,
    /// a live one pauses it at the end; an abort (asked for, or Nova's at its completion timeout) leaves it where it was.</summary>
    private async Task<MigrationResult> MoveAsync(ServerRecord s, Migration m, HostId to, MoveTiming move)
    {
        var seconds = _sampler.Draw(move);
        var started = Time.GetUtcNow();
        if (move.Completes) s.Placement = to;
        try
        {
            await Time.DelayAsync(TimeSpan.FromSeconds(seconds), m.Abort.Token).ConfigureAwait(true);
        }
        catch (OperationCanceledException)
        {
            Ended(s, move, (Time.GetUtcNow() - started).TotalSeconds, moved: false);
            return new MigrationResult(false, s.Host, "aborted on request");
        }
        if (move.Completes) Move(s, to);
        Ended(s, move, seconds, move.Completes);
        return move.Completes ? new MigrationResult(true, to, null)
            : new MigrationResult(false, s.Host, "the live migration did not converge and was aborted at the completion timeout");
    }

    private void Ended(ServerRecord s, MoveTiming move, double elapsed, bool moved)
    {
        s.Migration = null;
        s.Placement = s.Host;
        if (!move.Live) Interrupted(s, elapsed);
        else if (moved) Interrupted(s, move.PauseSeconds);
    }

    /// <summary>The resources claimed on a host.</summary>
    private (double Vcpu, double Ram, double Disk) Load(HostId host)
    {
        double vcpu = 0, ram = 0, disk = 0;
        foreach (var f in _servers.Values.Where(s => s.Placement == host).Select(s => s.Instance.Flavor)) (vcpu, ram, disk) = (vcpu + f.Vcpu, ram + f.RamGiB, disk + f.DiskGiB);
        return (vcpu, ram, disk);
    }

    /// <summary>The data centre as Nova's scheduler sees it: enabled, running computes, with the resources claimed on them.</summary>
    private sealed class View(SimulatedBackend backend) : IPlacementView
    {
        public HostId HostOf(InstanceId instance) => backend._servers[instance.Name].Placement;

        public IEnumerable<HostId> Occupies(InstanceId instance) =>
            backend._servers[instance.Name] is var s && s.Placement != s.Host ? [s.Placement, s.Host] : [s.Host];

        public bool Accepts(HostId host) => backend._hosts[host] is { Enabled: true, Up: true };

        public bool Pending(HostId host) => false;

        public bool HasRoom(InstanceId instance, HostId host)
        {
            var (vcpu, ram, disk) = backend.Load(host);
            return backend._hosts[host].Host.Capacity.Fits(backend._servers[instance.Name].Instance.Flavor, vcpu, ram, disk);
        }

        public double FreeRamGiB(HostId host) => backend._hosts[host].Host.Capacity.AllocatableRamGiB - backend.Load(host).Ram;
    }
}
