using Escalator.Model.Topology;

namespace Escalator.Model.Yaml;

public static partial class TopologyWriter
{
    private static void WriteVnf(YamlOut yaml, Vnf vnf)
    {
        yaml.BeginMap().Entry("name", vnf.Id.Name);
        var flavor = CommonFlavor(vnf);
        if (flavor is not null)
        {
            WriteFlavor(yaml, flavor);
        }
        WriteRedundancy(yaml, vnf.Redundancy);
        yaml.Text("antiAffinity").Plain(NameOf(TopologyLoader.AntiAffinityNames, vnf.AntiAffinity));
        WriteMigration(yaml, vnf.Migration);
        yaml.Text("switchover").Duration(vnf.SwitchoverSeconds);
        if (!IsUncoordinated(vnf.Coordination))
        {
            WriteCoordination(yaml, vnf.Coordination);
        }
        if (vnf.Availability is { } availability)
        {
            yaml.Text("availability").BeginMap(flow: true);
            if (availability.Sal is { } sal) yaml.Text("sal").Number(sal);
            else yaml.Text("maxOutage").Duration(availability.MaxOutageSeconds);
            yaml.EndMap();
        }
        yaml.Text("instances").BeginList(flow: vnf.Instances.IsEmpty);
        foreach (var instance in vnf.Instances)
        {
            yaml.BeginMap(flow: true).Entry("name", instance.Id.Name).Entry("host", instance.Host.Name);
            if (instance.Flavor != flavor)
            {
                WriteFlavor(yaml, instance.Flavor);
            }
            yaml.EndMap();
        }
        yaml.EndList().EndMap();
    }

    /// <summary>The flavour most instances share (the first such in instance order), written once for the VNF.</summary>
    private static Flavor? CommonFlavor(Vnf vnf) =>
        vnf.Instances.IsEmpty ? null
            : vnf.Instances.GroupBy(i => i.Flavor).MaxBy(g => g.Count())!.Key;

    private static void WriteFlavor(YamlOut yaml, Flavor flavor) =>
        yaml.Text("flavor").BeginMap(flow: true)
            .Text("vcpu").Number(flavor.Vcpu)
            .Text("ramGiB").Number(flavor.RamGiB)
            .Text("diskGiB").Number(flavor.DiskGiB)
            .EndMap();

    private static void WriteRedundancy(YamlOut yaml, Redundancy redundancy)
    {
        yaml.Text("redundancy").BeginMap(flow: true).Text("model").Plain(NameOf(TopologyLoader.RedundancyNames, redundancy.Model));
        if (redundancy is { Model: RedundancyModel.ActiveStandby, Active: { } active })
        {
            yaml.Entry("active", active.Name);
        }
        if (redundancy.Model == RedundancyModel.NPlusM)
        {
            yaml.Text("minActive").Number(redundancy.MinActive);
        }
        yaml.EndMap();
    }

    private static void WriteMigration(YamlOut yaml, Migration migration)
    {
        yaml.Text("migration").BeginMap(flow: true).Text("mode").Plain(NameOf(TopologyLoader.MigrationNames, migration.Mode));
        if (migration.UsedMemoryGiB is { } used)
        {
            yaml.Text("usedMemoryGiB").Number(used);
        }
        yaml.Text("dirtyRateMiBps").Number(migration.DirtyRateMiBps).EndMap();
    }

    /// <summary>Whether the coordination is what a VNF without a maintenance entry gets.</summary>
    private static bool IsUncoordinated(Coordination c) =>
        c with { Actions = Coordination.Uncoordinated.Actions } == Coordination.Uncoordinated && c.Actions.IsEmpty;

    private static void WriteCoordination(YamlOut yaml, Coordination coordination)
    {
        yaml.Text("maintenance").BeginMap(flow: true)
            .Text("coordinated").Bool(coordination.Coordinated)
            .Text("leadTime").Duration(coordination.LeadTimeSeconds)
            .Text("replyTimeout").Duration(coordination.ReplyTimeoutSeconds)
            .Text("actions").BeginList(flow: true);
        foreach (var action in coordination.Actions)
        {
            yaml.Plain(NameOf(TopologyLoader.VnfmActionNames, action));
        }
        yaml.EndList();
        if (coordination.Endpoint is { } endpoint)
        {
            yaml.Entry("endpoint", endpoint);
        }
        if (coordination.Project is { } project)
        {
            yaml.Entry("project", project);
        }
        yaml.EndMap();
    }
}
