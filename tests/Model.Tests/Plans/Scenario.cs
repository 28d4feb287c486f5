using System.Text;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Plans;

/// <summary>A generated topology and a campaign that is valid against it.</summary>
/// <remarks><see cref="ToString"/> prints all of it, so that a failing property shows the case that reproduces it.</remarks>
internal sealed record Scenario(DataCentre Topology, Campaign Campaign)
{
    public override string ToString()
    {
        var text = new StringBuilder().AppendLine();
        foreach (var h in Topology.Hosts)
        {
            text.AppendLine($"  host {h.Id} {h.Site}/{h.Zone}/{h.Rack} {h.Roles} {string.Join(",", h.Labels.Select(l => $"{l.Key}={l.Value}"))}"
                + $" cap={h.Capacity.Vcpu}/{h.Capacity.RamGiB} sw={string.Join(",", h.Software.Select(s => $"{s.Key}@{s.Value}"))}");
        }
        foreach (var c in Topology.Clusters)
        {
            text.AppendLine($"  cluster {c.Service} {c.Quorum} [{string.Join(",", c.Members)}]");
        }
        foreach (var v in Topology.Vnfs)
        {
            text.AppendLine($"  vnf {v.Id} {v.Redundancy.Model} min={v.Redundancy.MinActive} aa={v.AntiAffinity} mig={v.Migration.Mode}"
                + $" flavor={v.Instances[0].Flavor.Vcpu}/{v.Instances[0].Flavor.RamGiB} [{string.Join(",", v.Instances.Select(i => $"{i.Id}@{i.Host}"))}]");
        }
        foreach (var s in Campaign.Stages)
        {
            text.AppendLine($"  stage {s.Name} [{string.Join(",", s.Components)}] after=[{string.Join(",", s.After)}] scope={Describe(s.Scope)} {Describe(s.Strategy)}");
        }
        foreach (var p in Campaign.Procedures)
        {
            text.AppendLine($"  procedure {p.Name}: {string.Join(", ", p.Steps.Select(s => s.Mode is null ? $"{s.Action}" : $"{s.Action}({s.Mode}/{s.Fallback})"))}");
        }
        return text.ToString();
    }

    private static string Describe(Selector s) =>
        $"<roles={s.Roles} labels={string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))} sites={string.Join(",", s.Sites)}"
        + $" zones={string.Join(",", s.Zones)} racks={string.Join(",", s.Racks)}>";

    private static string Describe(Strategy strategy) => strategy switch
    {
        RollingStrategy r => $"rolling {Describe(r.Limits)}",
        CanaryStrategy c => $"canary first={c.FirstWave} soak={c.SoakSeconds} then {Describe(c.Rest)}",
        ParallelUniverseStrategy u => $"parallel-universe spares={Describe(u.Spares)} moves {Describe(u.Moves)}",
        _ => strategy.Kind,
    };

    private static string Describe(FaultDomainLimits l) => $"max={l.MaxUnavailable} rack={l.PerRack} zone={l.PerZone} site={l.PerSite}";
}
