using Escalator.Simulator.Engine;
using Escalator.Simulator.Runs;

namespace Escalator.Simulator.DataCentre;

/// <summary>The data centre as one run changes it: host states, where each instance is, what is down, and the measures
/// and invariant monitors that follow from it.</summary>
/// <remarks>Every change goes through a method here, so outage accounting and monitors see each one at its simulated time.</remarks>
internal sealed partial class DataCentreState
{
    private readonly SimulationModel _model;
    private readonly Simulation _sim;
    private readonly HostStatus[] _status;
    private readonly double[] _vcpuUsed;
    private readonly double[] _ramUsed;
    private readonly double[] _diskUsed;
    private readonly List<int>[] _on;
    private readonly int[] _host;
    private readonly int[] _down;
    private readonly double[] _downSince;
    private readonly int[] _membersDown;
    private readonly HashSet<(BreachKind, string, int)> _reported = [];
    private int _hostsOut;
    private int _powered;
    private readonly int _baseline;
    private double _poweredSince;
    private double _extraHostSeconds;
    private int _clustersBelow;
    private double _controlPlaneSince;

    public DataCentreState(SimulationModel model, Simulation sim, Timeline? timeline)
    {
        _model = model;
        _sim = sim;
        Timeline = timeline;
        var hosts = model.Hosts.Length;
        _status = new HostStatus[hosts];
        _vcpuUsed = new double[hosts];
        _ramUsed = new double[hosts];
        _diskUsed = new double[hosts];
        _on = new List<int>[hosts];
        for (var h = 0; h < hosts; h++) _on[h] = [];
        foreach (var h in model.Unbuilt) _status[h] = HostStatus.Unbuilt;
        _powered = _baseline = hosts - model.Unbuilt.Length;
        var instances = model.Instances.Length;
        _host = new int[instances];
        _down = new int[instances];
        _downSince = new double[instances];
        InstanceDowntime = new double[instances];
        for (var i = 0; i < instances; i++) Place(i, model.Instances[i].Host);
        _membersDown = new int[model.Clusters.Length];
        InitVnfs(out _unavailable, out _active, out _switching, out _outageSince);
        RecordHostsInService();
    }

    public Timeline? Timeline { get; }

    /// <summary>The wave running now, to attribute breaches.</summary>
    public int Wave { get; set; }

    public List<Breach> Breaches { get; } = [];

    public double[] InstanceDowntime { get; }

    public int PeakHostsOut { get; private set; }

    public int HostsInService => _powered - _hostsOut;

    public double ControlPlaneOutageSeconds { get; private set; }

    public HostStatus StatusOf(int host) => _status[host];

    public int HostOf(int instance) => _host[instance];

    public IReadOnlyList<int> InstancesOn(int host) => _on[host];

    /// <summary>Changes a host's state, keeping the counts of hosts out and powered.</summary>
    public void SetStatus(int host, HostStatus status)
    {
        var before = _status[host];
        if (before == status) return;
        _status[host] = status;
        _hostsOut += (IsOut(status) ? 1 : 0) - (IsOut(before) ? 1 : 0);
        PeakHostsOut = Math.Max(PeakHostsOut, _hostsOut);
        var powered = _powered + (IsPowered(status) ? 1 : 0) - (IsPowered(before) ? 1 : 0);
        if (powered != _powered)
        {
            _extraHostSeconds += Math.Max(0, _powered - _baseline) * (_sim.Now - _poweredSince);
            _poweredSince = _sim.Now;
            _powered = powered;
        }
        RecordHostsInService();
    }

    /// <summary>Keeps one point per instant: several hosts changing at the same time make one step, not a spike.</summary>
    private void RecordHostsInService()
    {
        if (Timeline?.HostsInService is not { } points) return;
        if (points.Count > 0 && points[^1].Time == _sim.Now) points[^1] = (_sim.Now, HostsInService);
        else points.Add((_sim.Now, HostsInService));
    }

    /// <summary>Host-hours beyond the hosts powered at the start (a parallel universe's cost), up to now.</summary>
    public double ExtraHostHours => (_extraHostSeconds + Math.Max(0, _powered - _baseline) * (_sim.Now - _poweredSince)) / 3600;

    private static bool IsOut(HostStatus s) => s is HostStatus.Maintenance or HostStatus.Down or HostStatus.Failed;

    private static bool IsPowered(HostStatus s) => s is not (HostStatus.Unbuilt or HostStatus.Retired);

    /// <summary>Marks an instance unavailable (+1) or available again (−1); reasons may overlap, so it counts them.</summary>
    public void Down(int instance, int delta)
    {
        var before = _down[instance];
        _down[instance] = before + delta;
        if (before == 0 && delta > 0)
        {
            _downSince[instance] = _sim.Now;
            InstanceChanged(instance, +1);
        }
        else if (before > 0 && _down[instance] == 0)
        {
            var length = _sim.Now - _downSince[instance];
            InstanceDowntime[instance] += length;
            if (_model.Vnfs[_model.Instances[instance].Vnf] is { Tolerated: 0, Vnf.Availability: { } a } info && length > a.MaxOutageSeconds)
            {
                Report(BreachKind.Redundancy, info.Vnf.Id.Name,
                    $"{_model.Instances[instance].Id} ({info.Vnf.Id}) was interrupted for {length:0.###} s; {info.Vnf.Id} tolerates no interruption longer than its {a.MaxOutageSeconds:0.###} s budget");
            }
            InstanceChanged(instance, -1);
        }
    }

    /// <summary>Moves an instance's reservation to <paramref name="host"/> (Nova claims resources on the destination).</summary>
    public void Move(int instance, int host)
    {
        var from = _host[instance];
        var flavor = _model.Instances[instance].Flavor;
        _vcpuUsed[from] -= flavor.Vcpu;
        _ramUsed[from] -= flavor.RamGiB;
        _diskUsed[from] -= flavor.DiskGiB;
        _on[from].Remove(instance);
        Place(instance, host);
    }

    private void Place(int instance, int host)
    {
        var flavor = _model.Instances[instance].Flavor;
        _host[instance] = host;
        _vcpuUsed[host] += flavor.Vcpu;
        _ramUsed[host] += flavor.RamGiB;
        _diskUsed[host] += flavor.DiskGiB;
        _on[host].Add(instance);
    }

    /// <summary>Whether <paramref name="host"/> has room for the instance under its overcommit ratios.</summary>
    public bool HasRoom(int instance, int host)
    {
        return _model.Hosts[host].Capacity.Fits(_model.Instances[instance].Flavor, _vcpuUsed[host], _ramUsed[host], _diskUsed[host]);
    }

    public double FreeRam(int host) => _model.Hosts[host].Capacity.AllocatableRamGiB - _ramUsed[host];

    /// <summary>A control-plane member goes down (+1) or comes back (−1). A planned cut-over does not count as a breach.</summary>
    public void MemberDown(int cluster, int delta, bool planned)
    {
        var info = _model.Clusters[cluster];
        var wasBelow = _membersDown[cluster] > info.Tolerated;
        _membersDown[cluster] += delta;
        var below = _membersDown[cluster] > info.Tolerated;
        if (below && !wasBelow && !planned)
        {
            Report(BreachKind.Quorum, info.Cluster.Service,
                $"{info.Cluster.Service} keeps {info.Members.Length - _membersDown[cluster]} of {info.Members.Length} members up; it needs {info.Cluster.Needed}");
        }
        if (below == wasBelow) return;
        if (below && _clustersBelow++ == 0) _controlPlaneSince = _sim.Now;
        if (!below && --_clustersBelow == 0) ControlPlaneOutageSeconds += _sim.Now - _controlPlaneSince;
    }

    /// <summary>Records a breach once per kind, subject and wave; by default in the wave running now.</summary>
    public void Report(BreachKind kind, string subject, string message, int? wave = null, double? time = null)
    {
        var w = wave ?? Wave;
        if (_reported.Add((kind, subject, w))) Breaches.Add(new Breach(kind, subject, w, time ?? _sim.Now, message));
    }

    /// <summary>Closes what is still open at the end of the run: downtimes, outages, the control plane's outage.</summary>
    public void Finish()
    {
        for (var i = 0; i < _down.Length; i++)
        {
            if (_down[i] > 0) InstanceDowntime[i] += _sim.Now - _downSince[i];
        }
        if (_clustersBelow > 0) ControlPlaneOutageSeconds += _sim.Now - _controlPlaneSince;
        FinishVnfs();
    }
}
