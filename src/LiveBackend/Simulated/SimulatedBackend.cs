using Escalator.LiveBackend.Backends;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;
using Escalator.Model.Semantics;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Simulated;

/// <summary>The simulator's data centre as a backend, in virtual time: hosts with their compute service, servers that move
/// by the pre-copy live-migration model or by a cold copy, and host actions whose durations are drawn around the
/// campaign's expectations — with the campaign's fault rates when faults are on.</summary>
/// <remarks>Single-threaded, like the simulation: drive it with <see cref="VirtualTimeLoop"/>.</remarks>
public sealed partial class SimulatedBackend : IBackend
{
    /// <summary>What one API call costs in virtual time: an answer is never instantaneous.</summary>
    private const double ApiSeconds = 0.05;

    private readonly Simulation _simulation;
    private readonly SimulationSettings _settings;
    private readonly DurationSampler _sampler;
    private readonly bool _faults;
    private readonly TopologyIndex _index;
    private readonly Dictionary<HostId, HostRecord> _hosts = [];
    private readonly Dictionary<string, ServerRecord> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<HostId, List<ServerRecord>> _onHost = [];
    private readonly Dictionary<string, Migration> _migrations = new(StringComparer.Ordinal);

    public SimulatedBackend(DataCentre dataCentre, Campaign campaign, Simulation simulation, int seed, bool faults)
    {
        ArgumentNullException.ThrowIfNull(dataCentre);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        _settings = campaign.Simulation;
        _sampler = new DurationSampler(new Random(seed), new Spread(_settings.Durations));
        _faults = faults;
        _index = new TopologyIndex(dataCentre);
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
                var server = new ServerRecord(instance, vnf) { Host = instance.Host };
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

    public async Task SetHostEnabledAsync(HostId host, bool enabled, string? reason, CancellationToken cancellationToken)
    {
        await ApiAsync(cancellationToken).ConfigureAwait(true);
        var h = Record(host);
        (h.Enabled, h.Reason) = (enabled, enabled ? null : reason);
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

    private static ServerInfo Info(ServerRecord s) =>
        new(s.Instance.Id.Name, s.Instance.Id.Name, s.Host, s.Error ? "ERROR" : s.Migration is null ? "ACTIVE" : "MIGRATING");

    private HostRecord Record(HostId host) =>
        _hosts.TryGetValue(host, out var h) ? h : throw new ArgumentException($"no host '{host}' in the simulated data centre {Cloud}", nameof(host));

    private Task ApiAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(ApiSeconds), Time, cancellationToken);

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

        public bool Error { get; set; }

        public Migration? Migration { get; set; }
    }
}
