using Escalator.LiveBackend.Backends;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Simulated;

public sealed partial class SimulatedBackend
{
    /// <summary>Actions that fail every time on a target, to rehearse a failure (a rollback is never made to fail).</summary>
    public HashSet<(string Target, StepAction Action)> ScriptedFaults { get; } = [];

    /// <summary>Backup, upgrade, verify and the parallel universe's actions take their expected time, drawn. With faults on,
    /// a step fails at the campaign's rate, and an upgraded host may not come back (the action never ends: the executor's
    /// timeout decides). An upgrade sets the host's versions, and takes down the VMs still on the host when its components
    /// do (<see cref="Campaign.TakesVmsDown"/>): until it ends well (a failed or cut-off upgrade leaves them down, as a
    /// failed host keeps them); a rollback sets the versions back. A retired host is gone, with any server still on it.</summary>
    public async Task<ActionResult> RunActionAsync(HostAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var host = _hosts.TryGetValue(new HostId(action.Target), out var h) ? h : null;
        var fails = (_faults && _sampler.Chance(_settings.Faults.StepFails))
            || (!action.Rollback && ScriptedFaults.Contains((action.Target, action.Action)));
        var lost = _faults && action.Action == StepAction.Upgrade && !action.Rollback && host is not null && _sampler.Chance(_settings.Faults.HostNotBack);
        var down = action.Action == StepAction.Upgrade && host is not null && _campaign.TakesVmsDown(action.Components.Keys)
            ? _onHost[host.Host.Id].ToList() : [];
        foreach (var server in down) _downSince.TryAdd(server.Instance.Id.Name, Time.GetUtcNow());
        if (lost)
        {
            host!.Up = false;
            await Time.DelayAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(true);
        }
        await Time.DelayAsync(TimeSpan.FromSeconds(_sampler.Draw(action.ExpectedSeconds)), cancellationToken).ConfigureAwait(true);
        if (fails) return ActionResult.Failure($"{action.Action.ToString().ToLowerInvariant()} on {action.Target} failed (simulated fault)");
        foreach (var server in down) BackUp(server);
        if (action.Action == StepAction.Retire && host is not null)
        {
            host.Up = false;
            foreach (var server in _onHost[host.Host.Id]) _downSince.TryAdd(server.Instance.Id.Name, Time.GetUtcNow());
        }
        if (action.Action == StepAction.Upgrade && host is not null)
        {
            foreach (var (component, version) in action.Components) host.Versions[component] = version;
        }
        return ActionResult.Success;
    }
}
