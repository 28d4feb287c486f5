using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

/// <summary>Where the plan expects each instance when each wave begins, for the hosts that wave visits: the VNFs a host's
/// maintenance affects are those with instances on it then, even after they have moved away.</summary>
internal sealed class PlannedPlacement
{
    private readonly Dictionary<(int Wave, HostId Host), InstanceId[]> _atStart = [];

    public PlannedPlacement(DataCentre topology, Plan plan)
    {
        var on = topology.Hosts.ToDictionary(h => h.Id, _ => new HashSet<InstanceId>());
        foreach (var instance in topology.Vnfs.SelectMany(v => v.Instances)) on[instance.Host].Add(instance.Id);
        foreach (var wave in plan.Waves)
        {
            foreach (var host in wave.Hosts.Where(on.ContainsKey)) _atStart[(wave.Number, host)] = [.. on[host]];
            foreach (var move in wave.Steps.SelectMany(s => s.Moves))
            {
                if (move.To is not { } to || !on.ContainsKey(to) || !on.ContainsKey(move.From)) continue;
                on[move.From].Remove(move.Instance);
                on[to].Add(move.Instance);
            }
        }
    }

    /// <summary>The instances on <paramref name="host"/> when <paramref name="wave"/> begins, by the plan.</summary>
    public IReadOnlyList<InstanceId> OnAtStart(int wave, HostId host) => _atStart.GetValueOrDefault((wave, host)) ?? [];
}
