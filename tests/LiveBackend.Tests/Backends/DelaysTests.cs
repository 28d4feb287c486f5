using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Simulated;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Tests.Backends;

public sealed class DelaysTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DelayAsync_FractionOfAMillisecond_EndsToTheTickInVirtualTime()
    {
        var simulation = new Simulation(Start);

        var ended = VirtualTimeLoop.Run(simulation, async () =>
        {
            await simulation.Time.DelayAsync(TimeSpan.FromSeconds(2.2589068), CancellationToken.None);
            return simulation.Time.GetUtcNow();
        });

        // Task.Delay with a provider would end at 2.258 s.
        Assert.Equal(TimeSpan.FromSeconds(2.2589068), ended - Start);
    }

    [Fact]
    public void DelayAsync_CancelledMidway_ThrowsAtTheCancellationAndNoLater()
    {
        var simulation = new Simulation(Start);

        var ended = VirtualTimeLoop.Run(simulation, async () =>
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3), simulation.Time);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => simulation.Time.DelayAsync(TimeSpan.FromSeconds(10), cancel.Token));
            return simulation.Time.GetUtcNow();
        });

        Assert.Equal(TimeSpan.FromSeconds(3), ended - Start);
    }

    [Fact]
    public void DelayAsync_InfiniteWithoutCancellation_NeverEnds()
    {
        var simulation = new Simulation(Start);

        var e = Assert.Throws<InvalidOperationException>(() =>
            VirtualTimeLoop.Run(simulation, async () =>
            {
                await simulation.Time.DelayAsync(System.Threading.Timeout.InfiniteTimeSpan, CancellationToken.None);
                return 0;
            }));

        Assert.Contains("will never happen", e.Message, StringComparison.Ordinal);
    }
}
