using Escalator.Model.Campaigns;
using Escalator.Model.Software;

namespace Escalator.Model.Yaml;

/// <summary>Writes a <see cref="Campaign"/> as a campaign file that <see cref="CampaignLoader"/> reads back to an equal model.</summary>
/// <remarks>Every field is written explicitly, defaults included, except empty lists, absent optional values and the
/// simulation settings, which appear only where they differ from their defaults.</remarks>
public static partial class CampaignWriter
{
    /// <summary>The campaign file's text.</summary>
    public static string Write(Campaign c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return YamlOut.Document(yaml => WriteDocument(yaml, c));
    }

    private static void WriteDocument(YamlOut yaml, Campaign c)
    {
        yaml.BeginMap();
        yaml.Entry("name", c.Name);
        if (c.Description is { } description)
        {
            yaml.Entry("description", description);
        }
        if (c.Topology is { } topology)
        {
            yaml.Entry("topology", topology);
        }
        yaml.Text("targets").BeginMap(flow: c.Targets.IsEmpty);
        foreach (var (component, version) in c.Targets)
        {
            yaml.Text(component).Plain(version.ToString());
        }
        yaml.EndMap();
        if (!c.Components.IsEmpty)
        {
            yaml.Text("components").BeginList();
            foreach (var component in c.Components)
            {
                WriteComponent(yaml, component);
            }
            yaml.EndList();
        }
        WriteStages(yaml, c.Stages);
        WriteProcedures(yaml, c.Procedures);
        yaml.Text("recovery").BeginMap(flow: true)
            .Text("retries").Number(c.Recovery.Retries)
            .Text("rollback").Plain(TopologyWriter.NameOf(CampaignLoader.RollbackNames, c.Recovery.Rollback))
            .Text("maxFailures").Number(c.Recovery.MaxFailures)
            .EndMap();
        WriteChecks(yaml, c.Checks);
        if (!c.MoveOnce) yaml.Text("moveOnce").Bool(false);
        if (c.Resilience.Any)
        {
            yaml.Text("resilience").BeginMap(flow: true)
                .Text("hostFailures").Number(c.Resilience.HostFailures)
                .Text("migrationFallbacks").Number(c.Resilience.MigrationFallbacks)
                .Text("rollbacks").Number(c.Resilience.Rollbacks)
                .EndMap();
        }
        WriteSimulation(yaml, c.Simulation);
        yaml.EndMap();
    }

    private static void WriteComponent(YamlOut yaml, Component component)
    {
        yaml.BeginMap().Entry("name", component.Name);
        if (!component.DependsOn.IsEmpty)
        {
            yaml.Text("dependsOn").TextList(component.DependsOn);
        }
        if (!component.TalksTo.IsEmpty)
        {
            yaml.Text("talksTo").BeginList();
            foreach (var talk in component.TalksTo)
            {
                yaml.BeginMap(flow: true).Entry("component", talk.Peer)
                    .Text("peerMajorAhead").BeginMap(flow: true)
                    .Text("min").Number(talk.MinPeerAhead).Text("max").Number(talk.MaxPeerAhead)
                    .EndMap().EndMap();
            }
            yaml.EndList();
        }
        var impact = component.Impact;
        yaml.Text("impact").BeginMap(flow: true)
            .Text("rebootHost").Bool(impact.RebootHost)
            .Text("evacuate").Bool(impact.Evacuate);
        if (impact.FunctionLost is { } lost)
        {
            yaml.Entry("functionLost", lost);
        }
        yaml.Text("lostFor").Duration(impact.LostSeconds);
        if (!impact.Backup.IsEmpty)
        {
            yaml.Text("backup").TextList(impact.Backup);
        }
        yaml.Text("restore").Duration(impact.RestoreSeconds).EndMap().EndMap();
    }

    private static void WriteChecks(YamlOut yaml, IReadOnlyCollection<HealthCheck> checks)
    {
        if (checks.Count == 0)
        {
            return;
        }
        yaml.Text("checks").BeginMap();
        foreach (var check in checks)
        {
            yaml.Text(check.Name).BeginMap();
            if (check.Command is { } command)
            {
                yaml.Entry("command", command);
            }
            if (check.Url is { } url)
            {
                yaml.Entry("url", url);
            }
            yaml.Text("expectStatus").Number(check.ExpectStatus)
                .Text("timeout").Duration(check.TimeoutSeconds)
                .EndMap();
        }
        yaml.EndMap();
    }
}
