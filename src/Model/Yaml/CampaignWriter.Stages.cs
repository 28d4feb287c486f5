using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.Model.Yaml;

public static partial class CampaignWriter
{
    private static void WriteStages(YamlOut yaml, IReadOnlyCollection<Stage> stages)
    {
        yaml.Text("stages").BeginList(flow: stages.Count == 0);
        foreach (var stage in stages)
        {
            yaml.BeginMap().Entry("name", stage.Name);
            if (!stage.After.IsEmpty)
            {
                yaml.Text("after").TextList(stage.After);
            }
            yaml.Text("scope");
            WriteSelector(yaml, stage.Scope);
            if (!stage.Components.IsEmpty)
            {
                yaml.Text("components").TextList(stage.Components);
            }
            yaml.Entry("procedure", stage.Procedure);
            yaml.Text("strategy").BeginMap();
            WriteStrategy(yaml, stage.Strategy);
            yaml.EndMap().EndMap();
        }
        yaml.EndList();
    }

    private static void WriteSelector(YamlOut yaml, Selector selector)
    {
        yaml.BeginMap(flow: true);
        if (selector.Roles != HostRoles.None)
        {
            yaml.Text("roles").TextList(TopologyLoader.RoleNames.Where(r => selector.Roles.HasFlag(r.Value)).Select(r => r.Key));
        }
        if (!selector.Labels.IsEmpty)
        {
            yaml.Text("labels").TextMap(selector.Labels, flow: true);
        }
        if (!selector.Sites.IsEmpty) yaml.Text("sites").TextList(selector.Sites);
        if (!selector.Zones.IsEmpty) yaml.Text("zones").TextList(selector.Zones);
        if (!selector.Racks.IsEmpty) yaml.Text("racks").TextList(selector.Racks);
        yaml.EndMap();
    }

    private static void WriteStrategy(YamlOut yaml, Strategy strategy)
    {
        switch (strategy)
        {
            case RollingStrategy rolling:
                yaml.Text("rolling");
                WriteLimits(yaml, rolling.Limits);
                break;
            case CanaryStrategy canary:
                yaml.Text("canary").BeginMap()
                    .Text("firstWave").Number(canary.FirstWave)
                    .Text("soak").Duration(canary.SoakSeconds);
                if (!canary.HealthChecks.IsEmpty)
                {
                    yaml.Text("healthChecks").TextList(canary.HealthChecks);
                }
                yaml.Text("then");
                WriteLimits(yaml, canary.Rest);
                yaml.EndMap();
                break;
            case ParallelUniverseStrategy universe:
                yaml.Text("parallelUniverse").BeginMap().Text("spares");
                WriteSelector(yaml, universe.Spares);
                WriteTimed(yaml.Text("stateTransfer"), universe.Transfer);
                WriteTimed(yaml.Text("cutover"), universe.Cutover);
                if (!universe.CutoverServices.IsEmpty)
                {
                    yaml.Text("cutoverServices").TextList(universe.CutoverServices);
                }
                yaml.Text("moves");
                WriteLimits(yaml, universe.Moves);
                yaml.EndMap();
                break;
            default:
                throw new ArgumentException($"no campaign file can spell the strategy {strategy.GetType().Name}", nameof(strategy));
        }
    }

    private static void WriteLimits(YamlOut yaml, FaultDomainLimits limits)
    {
        yaml.BeginMap(flow: true).Text("maxUnavailable").Plain(limits.MaxUnavailable.ToString());
        if (limits.PerRack is { } rack) yaml.Text("perRack").Number(rack);
        if (limits.PerZone is { } zone) yaml.Text("perZone").Number(zone);
        if (limits.PerSite is { } site) yaml.Text("perSite").Number(site);
        yaml.EndMap();
    }

    private static void WriteTimed(YamlOut yaml, TimedStep step) =>
        yaml.BeginMap(flow: true)
            .Text("expected").Duration(step.ExpectedSeconds)
            .Text("timeout").Duration(step.TimeoutSeconds)
            .Text("onTimeout").Plain(TopologyWriter.NameOf(CampaignLoader.ExpiryNames, step.OnTimeout))
            .EndMap();

    private static void WriteProcedures(YamlOut yaml, IReadOnlyCollection<Procedure> procedures)
    {
        yaml.Text("procedures").BeginMap(flow: procedures.Count == 0);
        foreach (var procedure in procedures)
        {
            yaml.Text(procedure.Name).BeginList(flow: procedure.Steps.IsEmpty);
            foreach (var step in procedure.Steps)
            {
                WriteStep(yaml, step);
            }
            yaml.EndList();
        }
        yaml.EndMap();
    }

    private static void WriteStep(YamlOut yaml, ProcedureStep step)
    {
        yaml.BeginMap(flow: true)
            .Text("action").Plain(TopologyWriter.NameOf(CampaignLoader.ActionNames, step.Action))
            .Text("expected").Duration(step.ExpectedSeconds)
            .Text("timeout").Duration(step.TimeoutSeconds)
            .Text("onTimeout").Plain(TopologyWriter.NameOf(CampaignLoader.ExpiryNames, step.OnTimeout));
        switch (step.Action)
        {
            case StepAction.Evacuate:
                if (step.Mode is { } mode) yaml.Text("mode").Plain(TopologyWriter.NameOf(TopologyLoader.MigrationNames, mode));
                if (step.Fallback is { } fallback) yaml.Text("fallback").Plain(TopologyWriter.NameOf(TopologyLoader.MigrationNames, fallback));
                break;
            case StepAction.Notify:
                if (step.Event is { } e) yaml.Text("event").Plain(TopologyWriter.NameOf(CampaignLoader.EventNames, e));
                yaml.Text("waitReply").Bool(step.WaitReply);
                break;
            case StepAction.Verify:
                yaml.Text("checks").TextList(step.Checks);
                break;
        }
        yaml.EndMap();
    }
}
