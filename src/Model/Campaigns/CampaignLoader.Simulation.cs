using System.Globalization;
using Escalator.Model.Diagnostics;
using Escalator.Model.Yaml;

namespace Escalator.Model.Campaigns;

public static partial class CampaignLoader
{
    internal static readonly Dictionary<string, DurationDistribution> DistributionNames = new(StringComparer.Ordinal)
    {
        ["lognormal"] = DurationDistribution.LogNormal,
        ["gamma"] = DurationDistribution.Gamma,
        ["normal"] = DurationDistribution.Normal,
        ["fixed"] = DurationDistribution.Fixed,
    };

    internal static readonly Dictionary<string, NonConvergence> NonConvergenceNames = new(StringComparer.Ordinal)
    {
        ["abort"] = NonConvergence.Abort,
        ["auto-converge"] = NonConvergence.AutoConverge,
        ["post-copy"] = NonConvergence.PostCopy,
    };

    private const string Probability = "a probability between 0 and 1 (such as 0.01)";

    private sealed partial class Reader
    {
        /// <summary>Reads the optional simulation section; every key falls back to its default on its own.</summary>
        private SimulationSettings ReadSimulation(YamlMap root)
        {
            var defaults = SimulationSettings.Default;
            var map = root.Map("simulation");
            if (map is null) return defaults;
            map.Retired("vnfmReply", "a notify step's expected: says how long the VNF managers take to reply");
            var settings = new SimulationSettings(
                ReadDurationSpread(map.Map("durations")),
                Number(map, "migrationGiBps", v => v > 0, "a throughput above 0 GiB/s (10 GbE ≈ 1.1)") ?? defaults.MigrationGiBps,
                ReadLiveMigration(map.Map("liveMigration")),
                map.Duration("coldBoot") ?? defaults.ColdBootSeconds,
                ReadFaults(map.Map("faults")),
                Number(map, "upgradesPerYear", v => v > 0, "a number of upgrades a year above 0 (such as 4)") ?? defaults.UpgradesPerYear,
                Number(map, "stateGiB", v => v > 0, "a size above 0 GiB") ?? defaults.StateGiB,
                Number(map, "transferGiBps", v => v > 0, "a throughput above 0 GiB/s") ?? defaults.TransferGiBps);
            map.Finish();
            return settings;
        }

        private DurationSpread ReadDurationSpread(YamlMap? map)
        {
            var defaults = DurationSpread.Default;
            if (map is null) return defaults;
            var spread = new DurationSpread(
                map.Choice("distribution", DistributionNames) ?? defaults.Distribution,
                Number(map, "cv", v => v >= 0, "a coefficient of variation of at least 0 (0 draws no spread)") ?? defaults.Cv);
            map.Finish();
            return spread;
        }

        private LiveMigrationSettings ReadLiveMigration(YamlMap? map)
        {
            var defaults = LiveMigrationSettings.Default;
            if (map is null) return defaults;
            var settings = new LiveMigrationSettings(
                Duration(map, "maxDowntime", v => v > 0, "a duration longer than 0s (Nova's default: 500ms)") ?? defaults.MaxDowntimeSeconds,
                map.Int("downtimeSteps", min: 1) ?? defaults.DowntimeSteps,
                map.Duration("downtimeDelayPerGiB") ?? defaults.DowntimeDelaySecondsPerGiB,
                ReadCompletionTimeout(map) ?? defaults.CompletionTimeoutSecondsPerGiB,
                map.Choice("onNonConvergence", NonConvergenceNames) ?? defaults.OnNonConvergence,
                map.Int("maxConcurrentPerHost", min: 1) ?? defaults.MaxConcurrentPerHost,
                map.Duration("resume") ?? defaults.ResumeSeconds)
            {
                OverheadSeconds = map.Duration("overhead") ?? defaults.OverheadSeconds,
            };
            map.Finish();
            return settings;
        }

        /// <summary>Nova reads a completion timeout of 0 as none at all, so a migration that never converges would wait forever.</summary>
        private double? ReadCompletionTimeout(YamlMap map)
        {
            var timeout = map.Duration("completionTimeoutPerGiB");
            if (timeout != 0) return timeout;
            file.ErrorAt(DiagnosticCodes.UnboundedWait,
                "a completion timeout of 0s lets a live migration that never converges run forever; every wait must be bounded (Nova's default: 800s per GiB)",
                map.Child("completionTimeoutPerGiB"));
            return null;
        }

        private FaultRates ReadFaults(YamlMap? map)
        {
            var defaults = FaultRates.None;
            if (map is null) return defaults;
            var faults = new FaultRates(
                Number(map, "stepFails", IsProbability, Probability) ?? defaults.StepFails,
                Number(map, "hostNotBack", IsProbability, Probability) ?? defaults.HostNotBack,
                Number(map, "migrationNoConvergence", IsProbability, Probability) ?? defaults.MigrationNoConvergence,
                Number(map, "vnfmSilent", IsProbability, Probability) ?? defaults.VnfmSilent,
                Number(map, "hostFails", IsProbability, Probability) ?? defaults.HostFails);
            map.Finish();
            return faults;
        }

        private static bool IsProbability(double value) => value is >= 0 and <= 1;

        /// <summary>A number that <paramref name="fits"/>, or null after reporting it as not <paramref name="expected"/>.</summary>
        private double? Number(YamlMap map, string key, Func<double, bool> fits, string expected) =>
            Fitting(map, key, map.Number(key), fits, expected);

        /// <summary>A duration in seconds that <paramref name="fits"/>, or null after reporting it as not <paramref name="expected"/>.</summary>
        private double? Duration(YamlMap map, string key, Func<double, bool> fits, string expected) =>
            Fitting(map, key, map.Duration(key), fits, expected);

        private double? Fitting(YamlMap map, string key, double? value, Func<double, bool> fits, string expected)
        {
            if (value is not { } v || fits(v)) return value;
            // The value as written, so that the message quotes the user rather than a rounded double.
            var written = map.Raw(key) is { IsScalar: true, Text: { } text } ? text : v.ToString(CultureInfo.InvariantCulture);
            file.ErrorAt(DiagnosticCodes.BadValue, $"expected {expected}; found '{written}'", map.Child(key));
            return null;
        }
    }
}
