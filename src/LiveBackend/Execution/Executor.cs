using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Coordination;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

/// <summary>Performs one run of a plan through a backend: refuses an unsafe or unhealthy start, takes the cloud's lock,
/// runs the waves in order and each wave's targets side by side, journals every intent and outcome, applies the
/// campaign's policies when a step fails or its wait expires, and rolls back as the campaign says.</summary>
/// <remarks>
/// <para>A second invocation with the same run id resumes: steps done are not redone; a step that was in flight is
/// checked against the cloud's real state before acting again; only what Escalator disabled is enabled again.</para>
/// <para>All waits use the backend's <see cref="IBackend.Time"/>, so a run on the simulated backend runs in virtual time.
/// The journal is shared by the targets of a wave: calls to it are serialised here.</para>
/// </remarks>
public sealed partial class Executor
{
    private readonly IBackend _backend;
    private readonly CampaignJournal _journal;
    private readonly IVnfmCoordinator _vnfm;
    private readonly ExecutionRequest _request;
    private readonly ExecutionOptions _options;
    private readonly Action<ExecutionEvent> _emit;
    private readonly TopologyIndex _index;
    private readonly HashSet<HostId> _hosts;
    private readonly HashSet<InstanceId> _instances;
    private readonly Lock _gate = new();
    private readonly List<string> _failures = [];
    private readonly HashSet<HostId> _failedHosts = [];
    private int _stepsRun;
    private int _stepsDone;
    private DateTimeOffset _leaseRenewed;

    public Executor(IBackend backend, CampaignJournal journal, IVnfmCoordinator vnfm, ExecutionRequest request,
        ExecutionOptions options, Action<ExecutionEvent>? emit = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(vnfm);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        _backend = backend;
        _journal = journal;
        _vnfm = vnfm;
        _request = request;
        _options = options;
        _emit = emit ?? (_ => { });
        _index = new TopologyIndex(request.Topology);
        _hosts = [.. request.Topology.Hosts.Select(h => h.Id)];
        _instances = [.. request.Topology.Vnfs.SelectMany(v => v.Instances).Select(i => i.Id)];
    }

    private string RunId => _request.RunId;

    private Plan Plan => _request.Plan;

    /// <summary>Runs (or resumes) the campaign to its end, a stop requested through the journal, or a refusal.</summary>
    public async Task<ExecutionResult> RunAsync(CancellationToken cancellationToken = default)
    {
        if (CheckVerdict() is { } unsafeRefusal) return unsafeRefusal;
        if (Locked(_journal.StateOfRun(RunId)) is { } ended) return ended;
        var dead = _journal.Holder(_backend.Cloud) is { } previous && _options.IsGone(previous.Holder) ? previous.Holder : null;
        if (_journal.TryLock(_backend.Cloud, RunId, _options.Holder, _options.LockLease, dead) is { } holder)
        {
            return Refuse("lock", "ESC-X03", $"campaign '{holder.Campaign}' holds the lock on cloud '{holder.Cloud}' ({holder.Holder}) until "
                + $"{holder.Expires:u}: one campaign at a time per cloud; it is taken over once its lease expires");
        }
        if (dead is not null) Emit(0, "", "lock", "taken-over", $"took over the lock of {dead}, whose process is gone");
        _leaseRenewed = Now;
        try
        {
            return await RunLockedAsync(cancellationToken).ConfigureAwait(true);
        }
        finally
        {
            Journal(j => j.Unlock(_backend.Cloud, _options.Holder));
        }
    }

    private async Task<ExecutionResult> RunLockedAsync(CancellationToken cancellationToken)
    {
        var resumed = !Journal(j => j.BeginRun(RunId, _request.Campaign.Name, _backend.Cloud, _request.PlanJson));
        if (resumed && Journal(j => j.PlanOf(RunId)) != _request.PlanJson)
        {
            return Refuse("resume", "ESC-X04", $"run '{RunId}' was started with another plan (the campaign or the topology changed since): "
                + "resume with the same files, or start a new run with --run-id");
        }
        var rollingBack = resumed && Journal(j => j.StateOfRun(RunId)) == RunState.RollingBack;
        Journal(j => j.ClearControl(RunId));
        Journal(j => j.SetRunState(RunId, rollingBack ? RunState.RollingBack : RunState.Running));
        Emit(0, "", "run", resumed ? "resumed" : "started", $"{(resumed ? "resuming" : "starting")} {RunId}: {Plan.Waves.Length} waves on {_backend.Cloud}");
        if (await PreflightAsync(cancellationToken).ConfigureAwait(true) is { } unhealthy)
        {
            Journal(j => j.SetRunState(RunId, rollingBack ? RunState.RollingBack : resumed ? RunState.Suspended : RunState.Failed));
            return unhealthy;
        }
        if (rollingBack) RecallFailedHosts();
        var stop = rollingBack ? Stop.Rollback : await RunWavesAsync(cancellationToken).ConfigureAwait(true);
        var state = await FinishAsync(stop, cancellationToken).ConfigureAwait(true);
        Journal(j => j.SetRunState(RunId, state));
        Emit(0, "", "run", state.ToString().ToLowerInvariant(),
            $"{RunId} {Words(state)}: {_stepsRun} steps run, {_stepsDone} already done{(_failures.Count > 0 ? $", {_failures.Count} failures" : "")}");
        return new ExecutionResult(state, null, _stepsRun, _stepsDone, [.. _failures]);
    }

    /// <summary>For a resumed rollback: the hosts whose step failed for good before the run stopped (a step's latest entry
    /// failed), which stay in maintenance for an operator as they would have.</summary>
    private void RecallFailedHosts()
    {
        var latest = Journal(j => j.Entries(RunId)).Where(e => e.Step.Wave > 0).GroupBy(e => e.Step).Select(g => g.MaxBy(e => e.Id)!);
        foreach (var entry in latest.Where(e => e.Outcome == ActionOutcome.Failed)) _failedHosts.Add(new HostId(entry.Step.Target));
    }

    private ExecutionResult? CheckVerdict()
    {
        var safety = _request.Safety;
        if (safety.Safe) return null;
        if (!safety.Override)
        {
            return Refuse("verdict", "ESC-X01", $"the plan is not proved safe ({safety.Verdict}): fix the campaign, or run it anyway with an explicit override");
        }
        Emit(0, "", "verdict", "override", $"running a plan not proved safe ({safety.Verdict}) on the operator's override", "ESC-X01");
        return null;
    }

    private ExecutionResult? Locked(RunState? state)
    {
        if (state is null or RunState.Running or RunState.Suspended or RunState.RollingBack) return null;
        Emit(0, "", "run", "ended", $"run '{RunId}' has ended already ({Words(state.Value)}); nothing to do (start a new run with --run-id)");
        return new ExecutionResult(state, null, 0, 0, []);
    }

    private static string Words(RunState state) => state switch
    {
        RunState.RolledBack => "rolled back",
        RunState.RollingBack => "rolling back",
        _ => state.ToString().ToLowerInvariant(),
    };

    private ExecutionResult Refuse(string action, string code, string why)
    {
        Emit(0, "", action, "refused", why, code);
        return ExecutionResult.Refuse(why);
    }

    private DateTimeOffset Now => _backend.Time.GetUtcNow();

    private void Emit(int wave, string target, string action, string outcome, string message, string? code = null, double? seconds = null) =>
        _emit(new ExecutionEvent(Now, RunId, wave, target, action, outcome, message, code, seconds));

    private T Journal<T>(Func<CampaignJournal, T> use)
    {
        lock (_gate) return use(_journal);
    }

    private void Journal(Action<CampaignJournal> use)
    {
        lock (_gate) use(_journal);
    }
}
