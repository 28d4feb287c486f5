using Escalator.Simulator.Runs;

namespace Escalator.Simulator.DataCentre;

internal sealed partial class DataCentreState
{
    private readonly int[] _unavailable;
    private readonly int[] _active;
    private readonly int[] _switching;
    private readonly double[] _outageSince;
    private int[] _outageWave = [];

    public double[] Outage { get; private set; } = [];

    public int[] Interruptions { get; private set; } = [];

    public double[] Longest { get; private set; } = [];

    /// <summary>Per VNF, its instances lost for good (left on a retired host).</summary>
    public int[] Lost { get; private set; } = [];

    private void InitVnfs(out int[] unavailable, out int[] active, out int[] switching, out double[] outageSince)
    {
        var count = _model.Vnfs.Length;
        unavailable = new int[count];
        active = new int[count];
        switching = new int[count];
        outageSince = new double[count];
        Outage = new double[count];
        Interruptions = new int[count];
        Longest = new double[count];
        Lost = new int[count];
        _outageWave = new int[count];
        for (var v = 0; v < count; v++)
        {
            active[v] = _model.Vnfs[v].InitialActive;
            outageSince[v] = double.NaN;
        }
    }

    public int ActiveOf(int vnf) => _active[vnf];

    /// <summary>A planned switchover of an active-standby VNF: service is interrupted for the switchover, then the standby
    /// is active. Returns false (and does nothing) when no standby is available to take over.</summary>
    public bool BeginSwitchover(int vnf)
    {
        if (Standby(vnf) < 0) return false;
        _switching[vnf]++;
        VnfChanged(vnf);
        return true;
    }

    public void EndSwitchover(int vnf)
    {
        _switching[vnf]--;
        if (Standby(vnf) is var standby and >= 0) _active[vnf] = standby;
        VnfChanged(vnf);
    }

    private int Standby(int vnf)
    {
        var info = _model.Vnfs[vnf];
        for (var i = info.First; i < info.First + info.Count; i++)
        {
            if (i != _active[vnf] && _down[i] == 0) return i;
        }
        return -1;
    }

    private void InstanceChanged(int instance, int delta)
    {
        var vnf = _model.Instances[instance].Vnf;
        _unavailable[vnf] += delta;
        var info = _model.Vnfs[vnf];
        if (delta > 0 && info.Tolerated >= 1 && _unavailable[vnf] > info.Tolerated)
        {
            Report(BreachKind.Redundancy, info.Vnf.Id.Name,
                $"{info.Vnf.Id} has {_unavailable[vnf]} of {info.Count} instances unavailable at once; it tolerates {info.Tolerated} ({_model.Instances[instance].Id} went down last)");
        }
        // A VNF that tolerates no loss and has no budget tolerates no interruption at all (one with a budget, none longer
        // than it: see Down); as the solver's ESC-R1 says.
        if (delta > 0 && info.Tolerated == 0 && info.Vnf.Availability is null)
        {
            Report(BreachKind.Redundancy, info.Vnf.Id.Name,
                $"{_model.Instances[instance].Id} ({info.Vnf.Id}) is interrupted; {info.Vnf.Id} tolerates no interruption and has no availability budget");
        }
        // The active instance lost without a planned switchover: the standby takes over after the switchover time.
        if (delta > 0 && info.IsPair && instance == _active[vnf])
        {
            _sim.Timeout(Model.Semantics.Outage.FailoverSeconds(info.Vnf)).OnProcessed(_ => Failover(vnf, instance));
        }
        VnfChanged(vnf);
    }

    private void Failover(int vnf, int lost)
    {
        if (_active[vnf] != lost || _down[lost] == 0 || Standby(vnf) is not (var standby and >= 0)) return;
        _active[vnf] = standby;
        VnfChanged(vnf);
    }

    private bool InOutage(int vnf)
    {
        var info = _model.Vnfs[vnf];
        return info.IsPair
            ? _switching[vnf] > 0 || _down[_active[vnf]] > 0
            : info.Count - _unavailable[vnf] < info.Needed;
    }

    private void VnfChanged(int vnf)
    {
        var outage = InOutage(vnf);
        var open = !double.IsNaN(_outageSince[vnf]);
        if (outage && !open)
        {
            _outageSince[vnf] = _sim.Now;
            _outageWave[vnf] = Wave;
            Interruptions[vnf]++;
        }
        else if (!outage && open)
        {
            CloseOutage(vnf);
        }
    }

    private void CloseOutage(int vnf)
    {
        var start = _outageSince[vnf];
        var length = _sim.Now - start;
        _outageSince[vnf] = double.NaN;
        Outage[vnf] += length;
        Longest[vnf] = Math.Max(Longest[vnf], length);
        var info = _model.Vnfs[vnf];
        Timeline?.Entries.Add(new TimelineEntry(info.Vnf.Id.Name, TimelineCategory.Outage, $"{info.Vnf.Id} out {length:0.###} s", start, _sim.Now));
    }

    /// <summary>An instance left on a host that is retired: down for good, and its VNF's budget is spent whatever the run's
    /// length.</summary>
    public void Lose(int instance, string host)
    {
        var info = _model.Instances[instance];
        Down(instance, +1);
        Lost[info.Vnf]++;
        Report(BreachKind.Lost, info.Id.Name, $"{info.Id} ({info.VnfOf.Id}) was left on {host}, which is retired: it is lost for good");
    }

    private void FinishVnfs()
    {
        for (var v = 0; v < _outageSince.Length; v++)
        {
            if (!double.IsNaN(_outageSince[v])) CloseOutage(v);
        }
    }
}
