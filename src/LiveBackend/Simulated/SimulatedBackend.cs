using Escalator.LiveBackend.Backends;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;
using Escalator.Model.Semantics;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Simulated;

/// <summary>The simulator's data centre as a backend, in virtual time: hosts with their compute service, servers that move
/// where the one <see cref="Scheduler"/> allows, and every step taking what the one <see cref="DurationModel"/> says the
/// plan's step takes, drawn by the campaign's spread (or exactly, for the run compared with <c>simulate --expected</c>) —
/// with the campaign's fault rates when faults are on. A call that is not a step's work (a listing, a health check, an
/// abort) takes no virtual time: a step's expected time covers its calls.</summary>
/// <remarks>Single-threaded, like the simulation: drive it with <see cref="VirtualTimeLoop"/>.</remarks>
public sealed partial class SimulatedBackend : IBackend
{
    private readonly Simulation _simulation;
    private readonly Campaign _campaign;
    private readonly SimulationSettings _settings;
    private readonly DurationModel _durations;
    private readonly Scheduler _scheduler;
    private readonly DurationSampler _sampler;
    private readonly bool _faults;
    private readonly TopologyIndex _index;
    private readonly Dictionary<HostId, HostRecord> _hosts = [];
    private readonly Dictionary<string, ServerRecord> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<HostId, List<ServerRecord>> _onHost = [];
    private readonly Dictionary<string, Migration> _migrations = new(StringComparer.Ordinal);

    /// <param name="expected">Every duration at its expected value instead of a draw.</param>
    public SimulatedBackend(DataCentre dataCentre, Campaign campaign, Simulation simulation, int seed, bool faults, bool expected = false)
    {
        ArgumentNullException.ThrowIfNull(dataCentre);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        _campaign = campaign;
        _settings = campaign.Simulation;
        _durations = new DurationModel(_settings);
        _sampler = new DurationSampler(new Random(seed), _durations.SpreadFor(expected));
        _faults = faults;
        _index = new TopologyIndex(dataCentre);
        _scheduler = new Scheduler(_index);
        Cloud = $"simulated:{dataCentre.Name}";
        foreach (var host in dataCentre.Hosts)
        {
            _hosts[host.Id] = new HostRecord(host) { Versions = host.Software.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal) };
            _onHost[host.Id] = [];
        }
        foreach (var vnf in dataCentre.Vnfs)
        {
            foreach (var instance in vnf.Instances)
            {
                var server = new ServerRecord(instance, vnf) { Host = instance.Host, Placement = instance.Host };
                _servers[instance.Id.Name] = server;
                _onHost[instance.Host].Add(server);
            }
        }
    }

    public string Cloud { get; }

    public TimeProvider Time => _simulation.Time;

    /// <summary>A host's installed versions now (what upgrades and rollbacks changed).</summary>
    public IReadOnlyDictionary<string, string> VersionsOf(HostId host) => _hosts[host].Versions;

    /// <summary>Where a server is now.</summary>
    public HostId HostOf(string server) => _servers[server].Host;

    /// <summary>Whether a host's compute service is enabled now.</summary>
    public bool IsEnabled(HostId host) => _hosts[host].Enabled;

    /// <summary>Puts a host out of service as if someone else had (for tests of the pre-flight check).</summary>
    public void DisableByOthers(HostId host, string reason) => (_hosts[host].Enabled, _hosts[host].Reason) = (false, reason);

    public async Task<CloudHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        await ApiAsync(cancellationToken).ConfigureAwait(true);
        var computes = _hosts.Values.Where(h => h.Host.Roles.HasFlag(HostRoles.Compute)).ToList();
        var free = computes.Where(h => h.Enabled && h.Up)
            .Select(h => (h.Host.Capacity, Load: Load(h.Host.Id)))
            .Select(h => (Ram: h.Capacity.AllocatableRamGiB - h.Load.Ram, Vcpu: h.Capacity.AllocatableVcpu - h.Load.Vcpu)).ToList();
        return new CloudHealth(
            [.. _hosts.Values.Where(h => !h.Up).Select(h => $"nova-compute@{h.Host.Id}")],
            [.. computes.Where(h => !h.Enabled).Select(h => new HostService(h.Host.Id, false, h.Up, h.Reason))],
            [.. _servers.Values.Where(s => s.Error).Select(s => $"{s.Instance.Id} ({s.Instance.Id}) on {s.Host}")],
            free.Sum(h => h.Ram),
            free.Sum(h => h.Vcpu));
    }

    /// <summary>A host counts as out for the whole step: disabled when the step begins, enabled when it ends.</summary>
    public async Task SetHostEnabledAsync(HostId host, bool enabled, string? reason, double expectedSeconds, CancellationToken cancellationToken)
    {
        await ApiAsync(cancellationToken).ConfigureAwait(true);
        var h = Record(host);
        if (!enabled) (h.Enabled, h.Reason) = (false, reason);
        await Time.DelayAsync(TimeSpan.FromSeconds(_sampler.Draw(expectedSeconds)), cancellationToken).ConfigureAwait(true);
        if (enabled) (h.Enabled, h.Reason) = (true, null);
    }

    public async Task<IReadOnlyList<ServerInfo>> ServersOnAsync(HostId host, CancellationToken cancellationToken)
    {
        await ApiAsync(cancellationToken).ConfigureAwait(true);
        return [.. (_onHost.GetValueOrDefault(host) ?? []).Select(Info)];
    }

    private void Move(ServerRecord server, HostId to)
    {
        _onHost[server.Host].Remove(server);
        _onHost[to].Add(server);
        server.Host = to;
    }

    /// <summary>Each server's interruptions so far (a live migration's pause, a cold move, an upgrade of its host that takes
    /// its VMs down — for good when the upgrade did not end well, as a failed host keeps them — and since its host was
    /// retired under it), in seconds of virtual time.</summary>
    public IReadOnlyDictionary<string, double> Downtime =>
        _downSince.Aggregate(new Dictionary<string, double>(_downtime, StringComparer.Ordinal), (all, down) =>
        {
            all[down.Key] = all.GetValueOrDefault(down.Key) + (Time.GetUtcNow() - down.Value).TotalSeconds;
            return all;
        });

    private readonly Dictionary<string, double> _downtime = new(StringComparer.Ordinal);

    /// <summary>Servers down now (their host's upgrade under way or ended badly, or retired), and since when.</summary>
    private readonly Dictionary<string, DateTimeOffset> _downSince = new(StringComparer.Ordinal);

    private void Interrupted(ServerRecord server, double seconds) =>
        _downtime[server.Instance.Id.Name] = _downtime.GetValueOrDefault(server.Instance.Id.Name) + seconds;

    /// <summary>A server down since some time is up again.</summary>
    private void BackUp(ServerRecord server)
    {
        if (_downSince.Remove(server.Instance.Id.Name, out var since)) Interrupted(server, (Time.GetUtcNow() - since).TotalSeconds);
    }

    private static ServerInfo Info(ServerRecord s) =>
        new(s.Instance.Id.Name, s.Instance.Id.Name, s.Host, s.Error ? "ERROR" : s.Migration is null ? "ACTIVE" : "MIGRATING");

    private HostRecord Record(HostId host) =>
        _hosts.TryGetValue(host, out var h) ? h : throw new ArgumentException($"no host '{host}' in the simulated data centre {Cloud}", nameof(host));

    /// <summary>An API call: answered at once in virtual time (unless the caller gave up).</summary>
    private static Task ApiAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    private sealed class HostRecord(Host host)
    {
        public Host Host { get; } = host;

        public bool Enabled { get; set; } = true;

        public bool Up { get; set; } = true;

        public string? Reason { get; set; }

        public required Dictionary<string, string> Versions { get; set; }
    }

    private sealed class ServerRecord(Instance instance, Vnf vnf)
    {
        public Instance Instance { get; } = instance;

        public Vnf Vnf { get; } = vnf;

        public required HostId Host { get; set; }

        /// <summary>Where its resources are claimed: its host, or the destination of the migration under way (Nova claims
        /// the destination's resources when a migration starts).</summary>
        public required HostId Placement { get; set; }

        public bool Error { get; set; }

        public Migration? Migration { get; set; }
    }
}
