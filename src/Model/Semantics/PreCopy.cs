using Escalator.Model.Campaigns;

namespace Escalator.Model.Semantics;

/// <summary>How a live migration ended.</summary>
public enum MigrationEnd
{
    /// <summary>Pre-copy converged and the guest paused for the stop-and-copy.</summary>
    Converged,

    /// <summary>Converged only after QEMU throttled the guest (auto-converge).</summary>
    AutoConverged,

    /// <summary>Switched to post-copy: the guest runs on the destination and pulls the rest.</summary>
    PostCopy,

    /// <summary>Aborted at Nova's completion timeout: the guest stays on its source.</summary>
    Aborted,
}

/// <summary>The outcome of one live migration by the pre-copy model.</summary>
/// <param name="Rounds">Copy rounds after the first full one: the stop-and-copy sends M·ρ^Rounds.</param>
/// <param name="SentGiB">Everything sent, stop-and-copy included.</param>
/// <param name="Seconds">From start to the guest running on the destination (or to the abort).</param>
/// <param name="StopCopySeconds">The stop-and-copy transfer alone.</param>
/// <param name="DowntimeSeconds">The guest's pause: stop-and-copy plus resume; 0 when aborted.</param>
public readonly record struct MigrationOutcome(MigrationEnd End, int Rounds, double SentGiB, double Seconds, double StopCopySeconds, double DowntimeSeconds)
{
    public bool Moved => End != MigrationEnd.Aborted;
}

/// <summary>Pre-copy live migration (Clark et al. 2005) under Nova's downtime ramp and completion timeout (DESIGN.md).</summary>
/// <remarks>
/// Round 0 sends the used memory M at throughput R; each later round sends what the guest dirtied (rate D) during the round
/// before, at most M. The copy stops when what is left fits in R·T, T being the downtime allowed at that moment: Nova raises it
/// from <c>max/steps</c> to <c>max</c> in <c>steps</c> steps, one every <c>delay·M</c> seconds. With ρ = D/R below 1 this is
/// the closed form of DESIGN.md: n = ⌈ln(R·T/M)/ln ρ⌉ rounds, M(1−ρ^(n+1))/(1−ρ) sent, M·ρ^n/R of stop-and-copy.
/// </remarks>
public static class PreCopy
{
    /// <summary>Enough rounds for any ρ below 0.999 to converge; beyond it the completion timeout decides.</summary>
    private const int MaxRounds = 10_000;

    /// <param name="memoryGiB">Used memory M.</param>
    /// <param name="throughputGiBps">Throughput R.</param>
    /// <param name="dirtyGiBps">Dirty rate D.</param>
    public static MigrationOutcome Migrate(double memoryGiB, double throughputGiBps, double dirtyGiBps, LiveMigrationSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryGiB);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(throughputGiBps);
        ArgumentOutOfRangeException.ThrowIfNegative(dirtyGiBps);
        ArgumentNullException.ThrowIfNull(settings);

        var timeout = settings.CompletionTimeoutSecondsPerGiB * memoryGiB;
        var remaining = memoryGiB;
        double elapsed = 0, sent = 0, throttle = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var allowed = AllowedDowntime(elapsed, memoryGiB, settings);
            if (round > 0 && remaining <= throughputGiBps * allowed)
            {
                var end = throttle > 0 ? MigrationEnd.AutoConverged : MigrationEnd.Converged;
                return StopAndCopy(end, round, remaining, sent, elapsed, throughputGiBps, settings);
            }
            var seconds = remaining / throughputGiBps;
            if (elapsed + seconds > timeout) return AtTimeout(round, remaining, sent, elapsed, timeout, throughputGiBps, settings);
            elapsed += seconds;
            sent += remaining;
            // QEMU's auto-converge throttles, from the third round on, a guest that dirties more than half of what a round
            // sends: 20 % at first, then 10 % more per round, at most 99 %.
            if (settings.OnNonConvergence == NonConvergence.AutoConverge && round >= 1 && dirtyGiBps * (1 - throttle) > throughputGiBps / 2)
            {
                throttle = throttle == 0 ? 0.2 : Math.Min(0.99, throttle + 0.1);
            }
            remaining = Math.Min(memoryGiB, dirtyGiBps * (1 - throttle) * seconds);
            // Nova switches to post-copy once a round ends without converging.
            if (settings.OnNonConvergence == NonConvergence.PostCopy && round >= 1 && remaining > throughputGiBps * allowed)
            {
                return PostCopySwitch(round + 1, remaining, sent, elapsed, throughputGiBps, settings);
            }
        }
        return AtTimeout(MaxRounds, remaining, sent, elapsed, timeout, throughputGiBps, settings);
    }

    /// <summary>The downtime Nova allows <paramref name="elapsed"/> seconds into a migration of <paramref name="memoryGiB"/>.</summary>
    public static double AllowedDowntime(double elapsed, double memoryGiB, LiveMigrationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var steps = settings.DowntimeSteps;
        var first = settings.MaxDowntimeSeconds / steps;
        var delay = settings.DowntimeDelaySecondsPerGiB * memoryGiB;
        var step = delay <= 0 ? steps : Math.Min(steps, (int)Math.Floor(elapsed / delay));
        return first + (settings.MaxDowntimeSeconds - first) * step / steps;
    }

    private static MigrationOutcome StopAndCopy(MigrationEnd end, int rounds, double remaining, double sent, double elapsed,
        double throughput, LiveMigrationSettings settings)
    {
        var copy = remaining / throughput;
        return new(end, rounds, sent + remaining, elapsed + copy + settings.ResumeSeconds, copy, copy + settings.ResumeSeconds);
    }

    private static MigrationOutcome PostCopySwitch(int rounds, double remaining, double sent, double elapsed,
        double throughput, LiveMigrationSettings settings) =>
        // The pause is the switch itself; the pages left are pulled while the guest already runs on the destination.
        new(MigrationEnd.PostCopy, rounds, sent + remaining, elapsed + settings.ResumeSeconds + remaining / throughput, 0, settings.ResumeSeconds);

    private static MigrationOutcome AtTimeout(int rounds, double remaining, double sent, double elapsed, double timeout,
        double throughput, LiveMigrationSettings settings)
    {
        if (settings.OnNonConvergence == NonConvergence.PostCopy)
        {
            return PostCopySwitch(rounds, remaining, sent, elapsed, throughput, settings);
        }
        // Whatever was on the wire until the timeout counts as sent.
        return new(MigrationEnd.Aborted, rounds, sent + (timeout - elapsed) * throughput, timeout, 0, 0);
    }
}
