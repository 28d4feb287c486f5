using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;

namespace Escalator.Model.Tests.Semantics;

public sealed class PreCopyTests
{
    private const double MiB = 1.0 / 1024;

    /// <summary>A fixed downtime limit: one step straight to the maximum, no resume time (DESIGN.md's worked examples).</summary>
    private static LiveMigrationSettings Fixed(double downtime, NonConvergence onNonConvergence = NonConvergence.Abort) =>
        LiveMigrationSettings.Default with { MaxDowntimeSeconds = downtime, DowntimeSteps = 1, ResumeSeconds = 0, OnNonConvergence = onNonConvergence };

    [Fact]
    public void Migrate_WorkedExampleOn10GbE_TwoRoundsAbout8SecondsAnd57MsDown()
    {
        var outcome = PreCopy.Migrate(8, 1.1, 100 * MiB, Fixed(0.3));

        Assert.Equal(MigrationEnd.Converged, outcome.End);
        Assert.Equal(2, outcome.Rounds);
        Assert.Equal(8.77, outcome.SentGiB, 0.01);
        Assert.Equal(7.98, outcome.Seconds, 0.01);
        Assert.Equal(0.0574, outcome.DowntimeSeconds, 0.001);
    }

    [Fact]
    public void Migrate_WorkedExampleOn1GbE_47RoundsAbout71GiBAnd646Seconds()
    {
        var outcome = PreCopy.Migrate(8, 0.11, 100 * MiB, Fixed(0.3));

        Assert.Equal(MigrationEnd.Converged, outcome.End);
        Assert.Equal(47, outcome.Rounds);
        Assert.Equal(71.2, outcome.SentGiB, 0.3);
        Assert.Equal(646, outcome.Seconds, 1.0);
    }

    [Fact]
    public void Migrate_ClosedFormForRhoBelowOne_AgreesWithRounds()
    {
        const double m = 16, r = 1.1, d = 300 * MiB, t = 0.3;
        var rho = d / r;
        var n = (int)Math.Ceiling(Math.Log(r * t / m) / Math.Log(rho));

        var outcome = PreCopy.Migrate(m, r, d, Fixed(t));

        Assert.Equal(n, outcome.Rounds);
        Assert.Equal(m * (1 - Math.Pow(rho, n + 1)) / (1 - rho), outcome.SentGiB, 1e-9);
        Assert.Equal(m * Math.Pow(rho, n) / r, outcome.DowntimeSeconds, 1e-9);
    }

    [Fact]
    public void Migrate_ResumeTime_AddsToDowntimeAndDuration()
    {
        var settings = Fixed(0.3) with { ResumeSeconds = 0.02 };

        var outcome = PreCopy.Migrate(8, 1.1, 100 * MiB, settings);

        Assert.Equal(0.0574, outcome.StopCopySeconds, 0.001);
        Assert.Equal(0.0774, outcome.DowntimeSeconds, 0.001);
        Assert.Equal(8.0, outcome.Seconds, 0.01);
    }

    [Fact]
    public void Migrate_DirtyingFasterThanTheLink_AbortsAtNovasCompletionTimeout()
    {
        var outcome = PreCopy.Migrate(4, 0.11, 200 * MiB, LiveMigrationSettings.Default);

        Assert.Equal(MigrationEnd.Aborted, outcome.End);
        Assert.False(outcome.Moved);
        Assert.Equal(800 * 4, outcome.Seconds, 1e-6);
        Assert.Equal(0, outcome.DowntimeSeconds);
    }

    [Fact]
    public void Migrate_AutoConverge_ThrottlesTheGuestUntilItConverges()
    {
        var settings = LiveMigrationSettings.Default with { OnNonConvergence = NonConvergence.AutoConverge };

        var outcome = PreCopy.Migrate(4, 0.11, 200 * MiB, settings);

        Assert.Equal(MigrationEnd.AutoConverged, outcome.End);
        Assert.True(outcome.DowntimeSeconds <= 0.5 + settings.ResumeSeconds, $"downtime {outcome.DowntimeSeconds}");
        Assert.True(outcome.Seconds < 800 * 4, $"took {outcome.Seconds} s");
    }

    [Fact]
    public void Migrate_PostCopy_SwitchesAfterASecondRoundWithOnlyTheResumePause()
    {
        var settings = LiveMigrationSettings.Default with { OnNonConvergence = NonConvergence.PostCopy };

        var outcome = PreCopy.Migrate(4, 0.11, 200 * MiB, settings);

        Assert.Equal(MigrationEnd.PostCopy, outcome.End);
        Assert.Equal(settings.ResumeSeconds, outcome.DowntimeSeconds, 1e-12);
        Assert.Equal(3 * 4 / 0.11 + settings.ResumeSeconds, outcome.Seconds, 1e-6);
    }

    [Fact]
    public void AllowedDowntime_NovasRamp_RisesFromATenthToTheMaximumEveryDelayPerGiB()
    {
        var settings = LiveMigrationSettings.Default;

        Assert.Equal(0.05, PreCopy.AllowedDowntime(0, 2, settings), 1e-12);
        Assert.Equal(0.05, PreCopy.AllowedDowntime(149, 2, settings), 1e-12);
        Assert.Equal(0.095, PreCopy.AllowedDowntime(150, 2, settings), 1e-12);
        Assert.Equal(0.5, PreCopy.AllowedDowntime(10_000, 2, settings), 1e-12);
    }

    [Fact]
    public void Migrate_NovaDefaults_ConvergeOnceTheRampAllowsTheDirtySet()
    {
        // ρ ≈ 0.89 on 1 GbE never fits 50 ms at first; the ramp raises the limit until the remainder fits.
        var outcome = PreCopy.Migrate(8, 0.11, 100 * MiB, LiveMigrationSettings.Default);

        Assert.Equal(MigrationEnd.Converged, outcome.End);
        Assert.True(outcome.StopCopySeconds <= 0.5, $"stop-and-copy {outcome.StopCopySeconds}");
    }
}
