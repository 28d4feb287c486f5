using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Semantics;

/// <summary>How one attempt of a step ended.</summary>
public enum AttemptEnd
{
    Ok,

    /// <summary>The action reported a failure (a migration Nova aborted, a command that failed, a VNFM's NACK).</summary>
    Failed,

    /// <summary>The step's timeout expired first (a migration still running is aborted).</summary>
    TimedOut,

    /// <summary>The host did not come back: no retry helps.</summary>
    HostLost,
}

/// <summary>What follows an attempt.</summary>
public enum RecoveryAction
{
    /// <summary>Done: the next step.</summary>
    Go,

    /// <summary>The same step again.</summary>
    Retry,

    /// <summary>An evacuation moves the VM by the next mode of its fallback chain.</summary>
    FallBack,

    /// <summary>Leave the step undone and go on (a VM not moved goes down with its host).</summary>
    Skip,

    /// <summary>The host failed: its remaining steps are not run, it stays out for an operator (or is restored from its
    /// backup), and it counts against <c>recovery.maxFailures</c>.</summary>
    FailHost,

    /// <summary>The campaign stops after the waves in flight, without rollback; the target's remaining steps are not run.</summary>
    Abort,

    /// <summary>The host failed and the campaign stops and rolls back (<c>recovery.rollback</c>).</summary>
    Rollback,
}

/// <summary>The one recovery decision, for the simulator and the executor alike.</summary>
public static class Recovery
{
    /// <summary>What a step's failure for good (<see cref="RecoveryAction.FailHost"/> or <see cref="RecoveryAction.Rollback"/>)
    /// means: on a host, the host fails, and the campaign rolls back when the decision says so; a stage-wide step (a transfer,
    /// a cutover) has no host to leave for an operator, so the campaign rolls back whichever it was.</summary>
    /// <param name="onHost">Whether the step's target is a host of the topology (else the stage's name).</param>
    public static StepFailure FailureOf(RecoveryAction then, bool onHost)
    {
        if (then is not (RecoveryAction.FailHost or RecoveryAction.Rollback))
        {
            throw new ArgumentOutOfRangeException(nameof(then), then, "only a failed host or a rollback is a step's failure for good");
        }
        return new StepFailure(HostFails: onHost, RollsBack: !onHost || then == RecoveryAction.Rollback);
    }

    /// <summary>What a rollback takes back: each host with an upgrade done, once, newest first (the reverse of the plan's
    /// order of its last upgrade done).</summary>
    /// <param name="done">The upgrade steps of <paramref name="plan"/> that ended well.</param>
    public static IReadOnlyList<RollbackTarget> RollbackHosts(Campaign campaign, Plan plan, IReadOnlySet<PlanStep> done)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(done);
        var newestFirst = plan.Waves.Reverse().SelectMany(w => w.Steps.Reverse()).Where(done.Contains).ToList();
        // Each target's timeouts summed once, in plan order, rather than the whole plan scanned for every host taken back.
        var timeouts = plan.Waves.SelectMany(w => w.Steps).GroupBy(s => s.Target, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.TimeoutSeconds), StringComparer.Ordinal);
        return [.. newestFirst.GroupBy(s => s.Target, StringComparer.Ordinal).Select(g => RollbackTarget.Of(campaign, new HostId(g.Key), [.. g], timeouts[g.Key]))];
    }

    /// <summary>How a rollback empties the host it takes back: each VM the way its VNF allows (live where it may, else cold;
    /// with no plan step to time it, as a fallback is timed: <see cref="RollbackPlannedSeconds"/>). One whose VNF allows no
    /// migration (<see cref="MigrationMode.None"/>), or that finds no host with room, stays and is down while its host is
    /// taken back, as the upgrade left it.</summary>
    public static MigrationMode RollbackMigrationMode(Vnf vnf)
    {
        ArgumentNullException.ThrowIfNull(vnf);
        return vnf.Migration.Mode;
    }

    /// <summary>The VMs a rollback empties its host of, in the order it moves them, one after another: by name, in natural
    /// order (vm-2 before vm-10).</summary>
    /// <param name="onHost">The VMs on the host when its rollback begins.</param>
    /// <param name="name">A VM's name (its instance's).</param>
    public static IReadOnlyList<T> RollbackEmptyingOrder<T>(IEnumerable<T> onHost, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(onHost);
        ArgumentNullException.ThrowIfNull(name);
        return [.. onHost.OrderBy(name, NaturalOrder.Instance)];
    }

    /// <summary>A rollback's move of a VM that declares no memory takes a cold boot's time.</summary>
    public static double RollbackPlannedSeconds(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.Simulation.ColdBootSeconds;
    }

    /// <summary>What is still owed of a notice's lead time after <paramref name="elapsedSeconds"/>: the actions the VNF managers
    /// were told of begin no sooner than it (Fenix's <c>actions_at</c>), however early they answer; 0 for any other step.</summary>
    public static double LeadLeftSeconds(PlanStep step, double elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step is { Action: StepAction.Notify, WaitReply: true } ? Math.Max(0, step.LeadSeconds - elapsedSeconds) : 0;
    }

    /// <summary>The pause before retry <paramref name="retriesUsed"/> + 1: 5 s, doubling, at most a minute. A cloud's view
    /// settles meanwhile: Nova's scheduler, for one, learns of a finished migration a moment after its record says so, and
    /// until then its anti-affinity filter still counts the server on its old host.</summary>
    public static double RetryDelaySeconds(int retriesUsed) => Math.Min(60, 5 * Math.Pow(2, retriesUsed));

    /// <summary>What follows an attempt of a step whose expiry policy is <paramref name="onTimeout"/>.</summary>
    /// <param name="retriesUsed">The retries already made of this step (fallbacks do not count).</param>
    /// <param name="canFallBack">Whether the step is an evacuation whose move has a fallback left.</param>
    /// <remarks>A failure falls back where the move has a fallback (a live migration Nova aborted: its guest did not
    /// converge, and again would not), else is retried <c>recovery.retries</c> times, then fails the host. An expired wait
    /// follows the step's policy: retry (then fail the host), fall back (else retry), skip, abort, or roll back. A host that
    /// did not come back fails at once.</remarks>
    public static RecoveryAction Decide(ExpiryPolicy onTimeout, AttemptEnd end, int retriesUsed, RecoveryPolicy policy, bool canFallBack)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var retry = retriesUsed < policy.Retries ? RecoveryAction.Retry : RecoveryAction.FailHost;
        return end switch
        {
            AttemptEnd.Ok => RecoveryAction.Go,
            AttemptEnd.HostLost => RecoveryAction.FailHost,
            AttemptEnd.Failed => canFallBack ? RecoveryAction.FallBack : retry,
            _ => onTimeout switch
            {
                ExpiryPolicy.FallBack => canFallBack ? RecoveryAction.FallBack : retry,
                ExpiryPolicy.Skip => RecoveryAction.Skip,
                ExpiryPolicy.Abort => RecoveryAction.Abort,
                ExpiryPolicy.Rollback => RecoveryAction.Rollback,
                _ => retry,
            },
        };
    }
}

/// <summary>One host a rollback takes back: the components its upgrades changed, how long taking them back takes — a
/// graceful rollback downgrades each upgrade in that upgrade's time (summed); a restore puts the backup back once, in the
/// longest restore time of those components (the upgrades' summed time if none says) — how long the executor waits for it
/// at most (the timeouts the plan gave the host's steps, summed, but at least twice its time and a minute), and whether the
/// VMs left on it are down meanwhile (as the upgrades took them down: <see cref="Campaign.TakesVmsDown"/>).</summary>
public sealed record RollbackTarget(HostId Host, IReadOnlyList<string> Components, double Seconds, double TimeoutSeconds, bool TakesVmsDown)
{
    /// <param name="timeouts">The timeouts the plan gives the host's steps, summed.</param>
    internal static RollbackTarget Of(Campaign campaign, HostId host, IReadOnlyList<PlanStep> upgrades, double timeouts)
    {
        var components = upgrades.SelectMany(u => u.Versions).Select(v => v.Component).Distinct(StringComparer.Ordinal).ToList();
        var restore = components.Select(c => campaign.Component(c)?.Impact.RestoreSeconds ?? 0).DefaultIfEmpty(0).Max();
        var seconds = campaign.Recovery.Rollback == RollbackMode.Graceful || restore <= 0 ? upgrades.Sum(u => u.ExpectedSeconds) : restore;
        return new RollbackTarget(host, components, seconds, Math.Max(60, Math.Max(timeouts, 2 * seconds)), campaign.TakesVmsDown(components));
    }
}
