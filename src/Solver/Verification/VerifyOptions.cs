namespace Escalator.Solver.Verification;

/// <summary>How to verify.</summary>
/// <param name="Timeout">The longest the solver may think; past it the verdict is Unknown.</param>
/// <param name="EmitSmt2">Whether to keep the verification condition as SMT-LIB 2 text.</param>
/// <param name="LiveMigrationPauseSeconds">The stop-and-copy pause assumed for a live migration that converges:
/// Nova's default <c>live_migration_downtime</c> (500 ms) plus about 20 ms to resume the guest (DESIGN.md).</param>
public sealed record VerifyOptions(TimeSpan Timeout, bool EmitSmt2 = false, double LiveMigrationPauseSeconds = 0.52)
{
    public static readonly VerifyOptions Default = new(TimeSpan.FromMinutes(1));
}
