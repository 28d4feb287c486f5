using System.Collections.Immutable;
using System.Text;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.TestKit;

/// <summary>A small data centre and a campaign over it, rebuilt from <see cref="Seed"/> by <see cref="PlanWorlds.Build"/>.</summary>
/// <remarks><see cref="ToString"/> spells every field of both, one line per host, VNF, stage and procedure, so that a failing
/// case can be read (and rebuilt by hand) from a test's message; <see cref="ToYaml"/> gives the files a user would write.</remarks>
public sealed partial record PlanWorld(int Seed, DataCentre Topology, Campaign Campaign)
{
    /// <summary>Whether the generator leaned towards a plan a careful planner would accept (two seeds in three).</summary>
    public bool Gentle { get; init; }

    /// <summary>The mistakes made on purpose (none when <see cref="Gentle"/>); the rest of such a world is drawn freely.</summary>
    public ImmutableArray<PlanMistake> Mistakes { get; init; } = [];

    /// <summary>The topology and campaign files, as <see cref="TopologyWriter"/> and <see cref="CampaignWriter"/> write them.</summary>
    public (string Topology, string Campaign) ToYaml() => (TopologyWriter.Write(Topology), CampaignWriter.Write(Campaign));

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"seed {Seed}, ").AppendLine(Gentle ? "gentle" : $"mistakes {string.Join(", ", Mistakes.Select(Kebab))}");
        DescribeTopology(text);
        DescribeCampaign(text);
        return text.ToString().TrimEnd();
    }

    private void DescribeTopology(StringBuilder text)
    {
        text.Append("sites: ").AppendLine(string.Join("; ", Topology.Sites.Select(s =>
            $"{s.Name} [{string.Join(" | ", s.Zones.Select(z => $"{z.Name}: {string.Join(" ", z.Racks)}"))}]")));
        foreach (var h in Topology.Hosts)
        {
            var c = h.Capacity;
            var labels = h.Labels.IsEmpty ? "" : " " + string.Join(",", h.Labels.Select(l => $"{l.Key}={l.Value}"));
            text.AppendLine($"  {h.Id} {h.Rack} {Roles(h.Roles)} {c.Vcpu}c/{N(c.RamGiB)}G/{N(c.DiskGiB)}D x{N(c.CpuOvercommit)}/{N(c.RamOvercommit)}/{N(c.DiskOvercommit)}{labels}"
                + $" {{{string.Join(", ", h.Software.Select(s => $"{s.Key} {s.Value}"))}}}");
        }
        foreach (var c in Topology.Clusters)
        {
            text.AppendLine($"  cluster {c.Service}({c.Component}) {Kebab(c.Quorum)} of {string.Join(" ", c.Members)} serves {string.Join(" ", c.Serves)}");
        }
        foreach (var v in Topology.Vnfs) text.AppendLine("  " + Describe(v));
    }

    private static string Describe(Vnf v)
    {
        var r = v.Redundancy;
        var model = r.Model switch
        {
            RedundancyModel.ActiveStandby => $"active-standby active {r.Active}",
            RedundancyModel.NPlusM => $"n+m minActive {r.MinActive}",
            _ => Kebab(r.Model),
        };
        var m = v.Migration;
        var migration = Kebab(m.Mode) + (m.UsedMemoryGiB is { } used ? $" used {N(used)}G" : "") + (m.DirtyRateMiBps > 0 ? $" dirty {N(m.DirtyRateMiBps)}MiB/s" : "");
        var co = v.Coordination;
        var vnfm = co == Coordination.Uncoordinated ? "" : (co.Coordinated ? " vnfm coordinated" : " vnfm uncoordinated")
            + $" lead {D(co.LeadTimeSeconds)} reply {D(co.ReplyTimeoutSeconds)} [{string.Join(" ", co.Actions.Select(Kebab))}]"
            + (co.Project is { } p ? $" project {p}" : "") + (co.Endpoint is { } e ? $" {e}" : "");
        var budget = v.Availability switch
        {
            null => "no budget",
            { Sal: { } sal } => $"sal {sal}",
            { } a => $"maxOutage {D(a.MaxOutageSeconds)}",
        };
        var instances = string.Join(" ", v.Instances.Select(i => $"{i.Id}@{i.Host} ({i.Flavor.Vcpu}c {N(i.Flavor.RamGiB)}G {N(i.Flavor.DiskGiB)}D)"));
        return $"vnf {v.Id} {model} (tolerates {v.Tolerated}) aa {Kebab(v.AntiAffinity)}, migrate {migration}, switchover {D(v.SwitchoverSeconds)}{vnfm} {budget}: {instances}";
    }

    private static string Roles(HostRoles roles) =>
        string.Join("+", Enum.GetValues<HostRoles>().Where(r => r != HostRoles.None && roles.HasFlag(r)).Select(Kebab));

    private static string N(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string D(double seconds) => Durations.Format(seconds);

    /// <summary>An enumeration value as files spell it: <c>ActiveStandby</c> → <c>active-standby</c>.</summary>
    private static string Kebab<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(ch));
        }
        return text.ToString();
    }
}
