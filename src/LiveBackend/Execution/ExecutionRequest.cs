using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.LiveBackend.Execution;

/// <summary>A campaign to perform: its plan, the topology it was expanded against, and the solver's verdict on it.</summary>
/// <param name="RunId">The run's key in the journal (the campaign's name unless the operator chose another).</param>
/// <param name="PlanJson">The plan as JSON, kept in the journal so a resume follows the same plan.</param>
public sealed record ExecutionRequest(string RunId, Campaign Campaign, DataCentre Topology, Plan Plan, string PlanJson, SafetyCheck Safety);

/// <summary>The solver's verdict as the executor needs it.</summary>
/// <param name="Safe">The solver proved the plan keeps every invariant.</param>
/// <param name="Verdict">The verdict in words (for the log and the refusal).</param>
/// <param name="Override">The operator chose to run a plan not proved safe; the executor logs it.</param>
public sealed record SafetyCheck(bool Safe, string Verdict, bool Override = false);

/// <summary>How the executor behaves.</summary>
/// <param name="Holder">Who runs (e.g. <c>host:pid</c>), shown to a run that finds the cloud's lock taken.</param>
/// <param name="LockLease">How long the lock lasts without renewal; the executor renews it between steps.</param>
/// <param name="MaxParallel">At most this many targets of a wave act at once (the plan already keeps the campaign's limits).</param>
public sealed record ExecutionOptions(string Holder, TimeSpan LockLease, int MaxParallel = 64)
{
    /// <summary>Whether a lock's holder is known to be gone (its process ended), so its lock need not wait for the lease
    /// to expire. By default nobody is known to be gone.</summary>
    public Func<string, bool> IsGone { get; init; } = _ => false;

    /// <summary>Options for a run held by this process, which recognises a lock left by a dead process on this machine.</summary>
    public static ExecutionOptions ForThisProcess(TimeSpan lockLease) => new(ThisProcess(), lockLease) { IsGone = ProcessGone };

    /// <summary>A holder's name for this process: <c>machine:pid</c>.</summary>
    public static string ThisProcess() => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>True for a holder named by <see cref="ThisProcess"/> on this machine whose process no longer runs.</summary>
    public static bool ProcessGone(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var colon = holder.LastIndexOf(':');
        if (colon < 0 || holder[..colon] != Environment.MachineName || !int.TryParse(holder[(colon + 1)..], out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>The reason shown on a service Escalator disables.</summary>
    public static string DisableReason(string runId, int wave) => $"escalator: campaign {runId}, wave {wave}";

    /// <summary>The prefix by which a disabled service is known to be Escalator's.</summary>
    public const string ReasonPrefix = "escalator:";
}

/// <summary>How a run ended.</summary>
/// <param name="Refusal">Why the run did not start (verdict, pre-flight, lock), or null.</param>
/// <param name="StepsRun">Steps performed in this invocation.</param>
/// <param name="StepsDone">Steps already done by an earlier invocation and not redone.</param>
public sealed record ExecutionResult(Journal.RunState? State, string? Refusal, int StepsRun, int StepsDone, IReadOnlyList<string> Failures)
{
    public bool Refused => Refusal is not null;

    public static ExecutionResult Refuse(string why) => new(null, why, 0, 0, []);
}
