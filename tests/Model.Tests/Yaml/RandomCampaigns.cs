using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Yaml;

/// <summary>Builds campaigns that the loader accepts without a diagnostic, varying every field the file format has:
/// all three strategies, every step action, selectors, tricky text and odd durations.</summary>
internal static class RandomCampaigns
{
    private static readonly StepAction[] Actions =
    [
        StepAction.EnterMaintenance, StepAction.Notify, StepAction.Switchover, StepAction.Evacuate,
        StepAction.Backup, StepAction.Upgrade, StepAction.Verify, StepAction.LeaveMaintenance,
    ];

    public static Campaign Next(Random random)
    {
        var components = Enumerable.Range(1, random.Next(1, 5)).Select(i => $"{TrickyText.Next(random)}#c{i}").ToList();
        var targets = components.Where(_ => random.Next(3) > 0)
            .ToImmutableSortedDictionary(c => c, _ => Version(random), StringComparer.Ordinal);
        var checks = Enumerable.Range(1, random.Next(0, 4)).Select(i => Check($"{TrickyText.Next(random)}#k{i}", random)).ToImmutableArray();
        var checkNames = checks.Select(c => c.Name).ToList();
        var procedures = Enumerable.Range(1, random.Next(1, 3))
            .Select(i => new Procedure($"{TrickyText.Next(random)}#p{i}", Steps(checkNames, random))).ToImmutableArray();
        var stages = new List<Stage>();
        var stageCount = random.Next(1, 4);
        for (var i = 1; i <= stageCount; i++)
        {
            stages.Add(new Stage($"{TrickyText.Next(random)}#s{i}", Selector(random), Subset(targets.Keys, random), Subset(stages.Select(s => s.Name), random),
                Strategy(checkNames, random), procedures[random.Next(procedures.Length)].Name));
        }
        return new Campaign(
            TrickyText.NextName(random, "campaign"),
            random.Next(3) == 0 ? null : TrickyText.Next(random),
            random.Next(3) == 0 ? null : TrickyText.Next(random),
            targets,
            [.. components.Select(c => Component(c, components, random))],
            [.. stages],
            procedures,
            new RecoveryPolicy(random.Next(0, 4), (RollbackMode)random.Next(3), random.Next(1, 6)),
            checks)
        {
            Simulation = random.Next(3) == 0 ? SimulationSettings.Default : Simulation(random),
            MoveOnce = random.Next(2) == 0,
            Resilience = random.Next(3) == 0 ? Resilience.None : new Resilience(random.Next(3), random.Next(3), random.Next(3)),
        };
    }

    /// <summary>Simulation settings that differ from the defaults in some fields (about half), anywhere in the section.</summary>
    private static SimulationSettings Simulation(Random random)
    {
        var d = SimulationSettings.Default;
        var m = d.LiveMigration;
        return new SimulationSettings(
            new DurationSpread(
                Maybe(random, d.Durations.Distribution, () => (DurationDistribution)random.Next(4)),
                Maybe(random, d.Durations.Cv, () => random.Next(3) == 0 ? 0 : random.NextDouble() * 2)),
            Maybe(random, d.MigrationGiBps, () => Positive(random)),
            new LiveMigrationSettings(
                Maybe(random, m.MaxDowntimeSeconds, () => Seconds(random) + 0.001),
                Maybe(random, m.DowntimeSteps, () => random.Next(1, 40)),
                Maybe(random, m.DowntimeDelaySecondsPerGiB, () => Seconds(random)),
                Maybe(random, m.CompletionTimeoutSecondsPerGiB, () => Seconds(random) + 0.001),
                Maybe(random, m.OnNonConvergence, () => (NonConvergence)random.Next(3)),
                Maybe(random, m.MaxConcurrentPerHost, () => random.Next(1, 8)),
                Maybe(random, m.ResumeSeconds, () => Seconds(random)))
            {
                OverheadSeconds = Maybe(random, m.OverheadSeconds, () => Seconds(random)),
            },
            Maybe(random, d.ColdBootSeconds, () => Seconds(random)),
            new FaultRates(
                Maybe(random, 0.0, () => Probability(random)),
                Maybe(random, 0.0, () => Probability(random)),
                Maybe(random, 0.0, () => Probability(random)),
                Maybe(random, 0.0, () => Probability(random))),
            Maybe(random, d.UpgradesPerYear, () => Positive(random)),
            random.Next(2) == 0 ? null : Positive(random),
            Maybe(random, d.TransferGiBps, () => Positive(random)));
    }

    private static T Maybe<T>(Random random, T fallback, Func<T> draw) => random.Next(2) == 0 ? fallback : draw();

    /// <summary>A probability: the bounds themselves, a round rate or an arbitrary double.</summary>
    private static double Probability(Random random) => random.Next(4) switch
    {
        0 => random.Next(2),
        1 => random.Next(1, 1000) / 1000.0,
        _ => random.NextDouble(),
    };

    /// <summary>A number above zero: whole, with a short fraction, tiny or arbitrary.</summary>
    private static double Positive(Random random) => random.Next(4) switch
    {
        0 => random.Next(1, 100),
        1 => random.Next(1, 100_000) / 1000.0,
        2 => random.NextDouble() * 1e-6 + 1e-9,
        _ => random.NextDouble() * 1e6 + double.Epsilon,
    };

    private static SemVersion Version(Random random) =>
        new(random.Next(0, 40), random.Next(0, 20), random.Next(0, 10), random.Next(3) == 0 ? "rc.1" : "", random.Next(4) == 0 ? "build.5" : "");

    private static Component Component(string name, List<string> all, Random random)
    {
        var talksTo = Subset(all, random).Select(p => new Compatibility(p, random.Next(-3, 1), random.Next(0, 3))).ToImmutableArray();
        var impact = random.Next(4) == 0 ? UpgradeImpact.Light : new UpgradeImpact(random.Next(2) == 0, random.Next(2) == 0,
            random.Next(2) == 0 ? null : TrickyText.Next(random), Seconds(random), [.. Enumerable.Range(0, random.Next(3)).Select(_ => TrickyText.Next(random))],
            Seconds(random));
        return new Component(name, Subset(all.Where(a => a != name), random), talksTo, impact);
    }

    private static HealthCheck Check(string name, Random random) => random.Next(2) == 0
        ? new HealthCheck(name, TrickyText.Next(random), null, 200, Seconds(random) + 0.001)
        : new HealthCheck(name, null, TrickyText.Next(random), random.Next(100, 600), Seconds(random) + 0.001);

    private static ImmutableArray<ProcedureStep> Steps(List<string> checks, Random random)
    {
        // A verify step runs at least one check, so there is none when the campaign defines no check.
        var actions = Enumerable.Range(0, random.Next(0, 8)).Select(_ => Actions[random.Next(Actions.Length)])
            .Where(a => a != StepAction.Verify || checks.Count > 0).Append(StepAction.Upgrade);
        return [.. actions.OrderBy(_ => random.Next()).Select(a => Step(a, checks, random))];
    }

    private static ProcedureStep Step(StepAction action, List<string> checks, Random random)
    {
        var expected = Seconds(random);
        var policies = action == StepAction.Evacuate ? Enum.GetValues<ExpiryPolicy>() : [.. Enum.GetValues<ExpiryPolicy>().Where(p => p != ExpiryPolicy.FallBack)];
        var step = new ProcedureStep(action, expected, expected + Seconds(random) + 0.5, policies[random.Next(policies.Length)]);
        return action switch
        {
            StepAction.Evacuate => step with
            {
                Mode = random.Next(2) == 0 ? MigrationMode.Live : MigrationMode.Cold,
                Fallback = random.Next(3) == 0 ? null : (MigrationMode)random.Next(3),
            },
            StepAction.Notify => step with { Event = (FenixEvent)random.Next(7), WaitReply = random.Next(2) == 0 },
            StepAction.Verify => step with { Checks = [.. Subset(checks, random).Prepend(checks[random.Next(checks.Count)]).Distinct()] },
            _ => step,
        };
    }

    private static Strategy Strategy(List<string> checks, Random random) => random.Next(3) switch
    {
        0 => new RollingStrategy(Limits(random)),
        1 => new CanaryStrategy(random.Next(1, 5), Seconds(random), Subset(checks, random), Limits(random)),
        _ => new ParallelUniverseStrategy(Selector(random), Timed(random), Timed(random),
            [.. Enumerable.Range(0, random.Next(3)).Select(_ => TrickyText.Next(random))], Limits(random)),
    };

    private static TimedStep Timed(Random random)
    {
        var expected = Seconds(random);
        return new TimedStep(expected, expected + 1, (ExpiryPolicy)random.Next(5));
    }

    private static FaultDomainLimits Limits(Random random) => new(
        random.Next(2) == 0 ? new Limit(random.Next(1, 101), true) : new Limit(random.Next(1, 50), false),
        random.Next(2) == 0 ? null : random.Next(1, 4),
        random.Next(2) == 0 ? null : random.Next(1, 4),
        random.Next(2) == 0 ? null : random.Next(1, 4));

    private static Selector Selector(Random random) => new(
        (HostRoles)random.Next(16),
        Enumerable.Range(0, random.Next(3)).Select(_ => (TrickyText.Next(random), TrickyText.Next(random)))
            .DistinctBy(l => l.Item1).ToImmutableSortedDictionary(l => l.Item1, l => l.Item2, StringComparer.Ordinal),
        Subset(["dc1", "true", "1.0"], random),
        Subset(["az1", "null", "a: b"], random),
        Subset(["rack-1", "[r]", "~"], random));

    /// <summary>A duration in seconds: whole units, milliseconds or an arbitrary double.</summary>
    private static double Seconds(Random random) => random.Next(4) switch
    {
        0 => random.Next(0, 4) * 3600 + random.Next(0, 60) * 60,
        1 => random.Next(0, 100_000) / 1000.0,
        2 => random.NextDouble() * 100,
        _ => 0,
    };

    private static ImmutableArray<string> Subset(IEnumerable<string> items, Random random) =>
        [.. items.Where(_ => random.Next(2) == 0)];
}
