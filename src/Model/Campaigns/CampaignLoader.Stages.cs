using System.Collections.Immutable;
using Escalator.Model.Diagnostics;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.Model.Campaigns;

public static partial class CampaignLoader
{
    internal static readonly Dictionary<string, RollbackMode> RollbackNames = new(StringComparer.Ordinal)
    {
        ["graceful"] = RollbackMode.Graceful,
        ["restore"] = RollbackMode.Restore,
        ["none"] = RollbackMode.None,
    };

    internal static readonly Dictionary<string, StepAction> ActionNames = new(StringComparer.Ordinal)
    {
        ["enter-maintenance"] = StepAction.EnterMaintenance,
        ["notify"] = StepAction.Notify,
        ["switchover"] = StepAction.Switchover,
        ["evacuate"] = StepAction.Evacuate,
        ["backup"] = StepAction.Backup,
        ["upgrade"] = StepAction.Upgrade,
        ["verify"] = StepAction.Verify,
        ["leave-maintenance"] = StepAction.LeaveMaintenance,
    };

    internal static readonly Dictionary<string, ExpiryPolicy> ExpiryNames = new(StringComparer.Ordinal)
    {
        ["retry"] = ExpiryPolicy.Retry,
        ["fall-back"] = ExpiryPolicy.FallBack,
        ["skip"] = ExpiryPolicy.Skip,
        ["abort"] = ExpiryPolicy.Abort,
        ["rollback"] = ExpiryPolicy.Rollback,
    };

    /// <summary>The Fenix protocol's names of the events, as campaigns write them and VNF managers receive them.</summary>
    public static readonly IReadOnlyDictionary<string, FenixEvent> EventNames = new Dictionary<string, FenixEvent>(StringComparer.Ordinal)
    {
        ["MAINTENANCE"] = FenixEvent.Maintenance,
        ["SCALE_IN"] = FenixEvent.ScaleIn,
        ["PREPARE_MAINTENANCE"] = FenixEvent.PrepareMaintenance,
        ["START_MAINTENANCE"] = FenixEvent.StartMaintenance,
        ["PLANNED_MAINTENANCE"] = FenixEvent.PlannedMaintenance,
        ["INSTANCE_ACTION_DONE"] = FenixEvent.InstanceActionDone,
        ["MAINTENANCE_COMPLETE"] = FenixEvent.MaintenanceComplete,
    };

    private static readonly string[] StrategyNames = ["rolling", "canary", "parallelUniverse"];

    private sealed partial class Reader
    {
        private List<Stage> ReadStages(YamlMap root)
        {
            var stages = new List<Stage>();
            var names = new Names(file, "stage");
            foreach (var map in root.Maps("stages", required: true))
            {
                var name = map.String("name", required: true) ?? "";
                names.Add(name, map.Child("name"));
                var after = map.Strings("after").Select(s => s.Value).ToImmutableArray();
                var scope = map.Map("scope", required: true) is { } s ? ReadSelector(s) : Selector.All;
                var components = map.Strings("components").Select(c => c.Value).ToImmutableArray();
                var procedure = map.String("procedure", required: true) ?? "";
                var strategy = ReadStrategy(map);
                map.Finish();
                stages.Add(new Stage(name, scope, components, after, strategy, procedure));
            }
            return stages;
        }

        private Strategy ReadStrategy(YamlMap stage)
        {
            var fallback = new RollingStrategy(FaultDomainLimits.One);
            var map = stage.Map("strategy", required: true);
            if (map is null) return fallback;
            var given = StrategyNames.Where(map.Has).ToList();
            Strategy strategy = fallback;
            if (given.Count != 1)
            {
                file.ErrorAt(DiagnosticCodes.Inconsistent,
                    $"expected exactly one strategy of {string.Join(", ", StrategyNames)}; found {(given.Count == 0 ? "none" : string.Join(" and ", given))}",
                    map.Path);
            }
            else if (map.Map("rolling") is { } rolling)
            {
                strategy = new RollingStrategy(ReadLimits(rolling));
                rolling.Finish();
            }
            else if (map.Map("canary") is { } canary)
            {
                strategy = ReadCanary(canary);
            }
            else if (map.Map("parallelUniverse") is { } universe)
            {
                strategy = ReadParallelUniverse(universe);
            }
            map.Finish();
            return strategy;
        }

        private CanaryStrategy ReadCanary(YamlMap map)
        {
            var first = map.Int("firstWave", min: 1) ?? 1;
            var soak = map.Duration("soak", required: true) ?? 0;
            var checks = map.Strings("healthChecks").Select(c => c.Value).ToImmutableArray();
            var rest = FaultDomainLimits.One;
            if (map.Map("then") is { } then)
            {
                rest = ReadLimits(then);
                then.Finish();
            }
            map.Finish();
            return new CanaryStrategy(first, soak, checks, rest);
        }

        private ParallelUniverseStrategy ReadParallelUniverse(YamlMap map)
        {
            var spares = map.Map("spares", required: true) is { } s ? ReadSelector(s) : Selector.All;
            var transfer = ReadTimed(map, "stateTransfer");
            var cutover = ReadTimed(map, "cutover");
            var services = map.Strings("cutoverServices").Select(c => c.Value).ToImmutableArray();
            var moves = FaultDomainLimits.One;
            if (map.Map("moves") is { } m)
            {
                moves = ReadLimits(m);
                m.Finish();
            }
            map.Finish();
            return new ParallelUniverseStrategy(spares, transfer, cutover, services, moves);
        }

        private TimedStep ReadTimed(YamlMap parent, string key)
        {
            var map = parent.Map(key, required: true);
            if (map is null) return new TimedStep(0, 0, ExpiryPolicy.Abort);
            var (expected, timeout) = ReadTiming(map, key);
            var onTimeout = map.Choice("onTimeout", ExpiryNames) ?? ExpiryPolicy.Abort;
            map.Finish();
            return new TimedStep(expected, timeout, onTimeout);
        }

        /// <summary>Reads expected and timeout, reporting a missing timeout as an unbounded wait.</summary>
        private (double Expected, double Timeout) ReadTiming(YamlMap map, string what)
        {
            var expected = map.Duration("expected", required: true) ?? 0;
            var timeout = map.Duration("timeout");
            if (timeout is null or 0)
            {
                file.ErrorAt(DiagnosticCodes.UnboundedWait,
                    $"the {what} step has no timeout; every wait must be bounded (add, for example, timeout: 10m)",
                    map.Has("timeout") ? map.Child("timeout") : map.Path);
            }
            else if (timeout < expected)
            {
                file.ErrorAt(DiagnosticCodes.Inconsistent,
                    $"the timeout {Durations.Format(timeout.Value)} is shorter than the expected {Durations.Format(expected)}: the step would expire before it is expected to end",
                    map.Child("timeout"));
            }
            return (expected, timeout ?? 0);
        }

        private ImmutableArray<string> ReadVerifyChecks(YamlMap map)
        {
            var checks = map.Strings("checks", required: true).Select(c => c.Value).ToImmutableArray();
            if (checks.IsEmpty && map.Has("checks"))
            {
                file.ErrorAt(DiagnosticCodes.MissingKey, "a verify step runs at least one check; the list is empty", map.Child("checks"));
            }
            return checks;
        }

        /// <summary>Reads maxUnavailable and the per-domain limits; the caller finishes the map (it may hold more keys).</summary>
        private FaultDomainLimits ReadLimits(YamlMap map)
        {
            var max = new Limit(1, false);
            if (map.Raw("maxUnavailable") is { } node && map.Scalar(node, map.Child("maxUnavailable"), "a count or a percentage") is { } text)
            {
                if (Limit.TryParse(text, out var parsed)) max = parsed;
                else file.Error(DiagnosticCodes.BadValue, $"expected a count of at least 1 (such as 2) or a percentage (such as 25%); found '{text}'",
                    node, map.Child("maxUnavailable"));
            }
            return new FaultDomainLimits(max, map.Int("perRack", min: 1), map.Int("perZone", min: 1), map.Int("perSite", min: 1));
        }

        private List<Procedure> ReadProcedures(YamlMap root)
        {
            var procedures = new List<Procedure>();
            var map = root.Map("procedures", required: true);
            if (map is null) return procedures;
            foreach (var name in map.Keys.ToList())
            {
                var steps = map.Maps(name).Select(ReadStep).ToImmutableArray();
                if (steps.IsEmpty)
                {
                    file.ErrorAt(DiagnosticCodes.MissingKey, $"procedure '{name}' has no steps; expected a list of actions", map.Child(name));
                }
                else if (!steps.Any(s => s.Action == StepAction.Upgrade))
                {
                    file.ErrorAt(DiagnosticCodes.Inconsistent, $"procedure '{name}' never upgrades; expected a step with action: upgrade", map.Child(name));
                }
                procedures.Add(new Procedure(name, steps));
            }
            map.Finish();
            return procedures;
        }

        private ProcedureStep ReadStep(YamlMap map)
        {
            var action = map.Choice("action", ActionNames, required: true) ?? StepAction.Upgrade;
            var (expected, timeout) = ReadTiming(map, ActionNames.First(a => a.Value == action).Key);
            var onTimeout = map.Choice("onTimeout", ExpiryNames) ?? ExpiryPolicy.Abort;
            var step = new ProcedureStep(action, expected, timeout, onTimeout);
            step = action switch
            {
                StepAction.Evacuate => step with
                {
                    Mode = map.Choice("mode", TopologyLoader.MigrationNames) ?? MigrationMode.Live,
                    Fallback = map.Choice("fallback", TopologyLoader.MigrationNames),
                },
                StepAction.Notify => step with
                {
                    Event = map.Choice("event", EventNames, required: true),
                    WaitReply = map.Bool("waitReply") ?? false,
                },
                StepAction.Verify => step with { Checks = ReadVerifyChecks(map) },
                _ => step,
            };
            if (step.Mode == MigrationMode.None)
            {
                file.ErrorAt(DiagnosticCodes.BadValue, "an evacuate step moves VMs live or cold; found mode: none", map.Child("mode"));
            }
            if (step.OnTimeout == ExpiryPolicy.FallBack && action != StepAction.Evacuate)
            {
                file.ErrorAt(DiagnosticCodes.Inconsistent, "onTimeout: fall-back applies to evacuate steps only", map.Child("onTimeout"));
            }
            map.Finish();
            return step;
        }
    }
}
