using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Generation;

public sealed partial class PlanWorldsTests
{
    private const int CoverageSeeds = 400;

    /// <summary>Each feature and the fewest of <see cref="CoverageSeeds"/> worlds that must show it: a later edit of the
    /// generator cannot drop one silently. Features are read from the worlds themselves, not from the generator's choices
    /// (except the mistakes, which are its intent).</summary>
    private static readonly (string Feature, int Min)[] Expected =
    [
        ("strategy rolling (computes)", 60), ("strategy canary", 60), ("strategy parallel-universe", 60),
        ("canary first wave > 1", 10), ("canary gate checks", 40), ("canary then per-domain limit", 15),
        ("universe spares by label", 60), ("universe state transfer", 60), ("universe cut-over services", 30), ("universe moves limits", 30),
        ("active-standby", 80), ("active-standby second instance active", 30), ("n+m", 80), ("quorum", 80), ("none", 80),
        ("anti-affinity host", 60), ("anti-affinity rack", 60), ("anti-affinity zone", 30), ("anti-affinity none", 40),
        ("migration live", 150), ("migration live declaring memory and dirty rate", 60), ("migration cold", 60), ("migration none", 20),
        ("vnfm coordinated (lead, reply, actions, project)", 60), ("vnfm declared but uncoordinated", 20),
        ("notify", 150), ("notify waiting for replies", 100), ("notify PREPARE_MAINTENANCE", 60), ("notify MAINTENANCE_COMPLETE", 60),
        ("notify INSTANCE_ACTION_DONE", 20), ("notify SCALE_IN", 10), ("notify START_MAINTENANCE", 10),
        ("notify PLANNED_MAINTENANCE", 10), ("notify MAINTENANCE", 10), ("switchover step", 150),
        ("evacuate live, fallback cold", 150), ("evacuate live only", 10), ("evacuate cold", 10),
        ("onTimeout retry", 150), ("onTimeout fall-back", 100), ("onTimeout skip", 100), ("onTimeout abort", 150), ("onTimeout rollback", 150),
        ("budget sal", 60), ("budget maxOutage", 60), ("no budget", 60),
        ("cluster majority", 60), ("cluster any", 60), ("cluster all", 20), ("cluster component differs from service", 30),
        ("identity cluster", 100), ("identity serving two sites", 15), ("control-plane stage", 120), ("control hosts' OS stage", 20),
        ("stages ordered by after", 60), ("stage listed before one it comes after", 10), ("dependsOn", 60), ("talksTo", 80),
        ("dependsOn between upgraded components", 30), ("window between upgraded components", 30),
        ("multi-site", 60), ("2 stages", 80), ("3 stages", 40),
        ("impact reboot", 80), ("impact evacuate without reboot", 20), ("impact light", 60),
        ("host already at target", 5), ("recovery retries", 150), ("rollback graceful", 60), ("rollback restore", 60), ("rollback none", 60),
        ("maxFailures > 1", 150), ("durations not default", 150), ("durations fixed", 30), ("timeout equal to expected", 5),
        ("live-migration settings", 80), ("migration link", 80), ("cold boot", 60), ("state GiB", 20),
        ("gentle", 230), ("not gentle", 100), ("mistake wide-waves", 10), ("mistake no-room", 10), ("mistake no-switchover", 10), ("mistake no-evacuation", 10),
        ("mistake broken-window", 10), ("mistake small-budget", 10), ("mistake wide-control", 10),
    ];

    [Fact]
    public void Build_400Seeds_CoverEveryFeature()
    {
        var counts = Expected.ToDictionary(e => e.Feature, _ => 0, StringComparer.Ordinal);

        foreach (var world in Enumerable.Range(0, CoverageSeeds).Select(PlanWorlds.Build))
        {
            foreach (var feature in Features(world).Distinct(StringComparer.Ordinal))
            {
                Assert.True(counts.ContainsKey(feature), $"unknown feature '{feature}'");
                counts[feature]++;
            }
        }

        foreach (var (feature, count) in counts) output.WriteLine($"{feature}: {count} of {CoverageSeeds} ({100.0 * count / CoverageSeeds:0}%)");
        var missing = Expected.Where(e => counts[e.Feature] < e.Min).Select(e => $"{e.Feature}: {counts[e.Feature]} < {e.Min}").ToList();
        Assert.True(missing.Count == 0, "features too rare:\n" + string.Join("\n", missing));
    }

    private static IEnumerable<string> Features(PlanWorld world)
    {
        var (dc, c) = (world.Topology, world.Campaign);
        foreach (var f in TopologyFeatures(dc)) yield return f;
        foreach (var f in c.Stages.SelectMany(s => StageFeatures(s, c))) yield return f;
        foreach (var f in ProcedureFeatures(c)) yield return f;
        foreach (var f in SimulationFeatures(c.Simulation)) yield return f;
        if (c.Stages.Length > 1) yield return $"{c.Stages.Length} stages";
        if (c.Components.Any(k => !k.DependsOn.IsEmpty)) yield return "dependsOn";
        if (c.Components.Any(k => !k.TalksTo.IsEmpty)) yield return "talksTo";
        if (c.Components.Any(k => c.Targets.ContainsKey(k.Name) && k.DependsOn.Any(c.Targets.ContainsKey))) yield return "dependsOn between upgraded components";
        if (c.Components.Any(k => c.Targets.ContainsKey(k.Name) && k.TalksTo.Any(t => c.Targets.ContainsKey(t.Peer)))) yield return "window between upgraded components";
        if (c.Recovery.Retries > 0) yield return "recovery retries";
        yield return $"rollback {c.Recovery.Rollback.ToString().ToLowerInvariant()}";
        if (c.Recovery.MaxFailures > 1) yield return "maxFailures > 1";
        if (dc.Sites.Length > 1) yield return "multi-site";
        if (dc.Hosts.Any(h => c.Targets.TryGetValue("host-os", out var t) && h.Software.TryGetValue("host-os", out var v) && v == t)) yield return "host already at target";
        yield return world.Gentle ? "gentle" : "not gentle";
        foreach (var m in world.Mistakes) yield return "mistake " + Kebab(m.ToString());
    }

    private static IEnumerable<string> TopologyFeatures(DataCentre dc)
    {
        foreach (var v in dc.Vnfs)
        {
            yield return v.Redundancy.Model switch
            {
                RedundancyModel.ActiveStandby => "active-standby",
                RedundancyModel.NPlusM => "n+m",
                RedundancyModel.Quorum => "quorum",
                _ => "none",
            };
            if (v.Redundancy.Active is { } active && active == v.Instances[1].Id) yield return "active-standby second instance active";
            yield return $"anti-affinity {v.AntiAffinity.ToString().ToLowerInvariant()}";
            yield return $"migration {v.Migration.Mode.ToString().ToLowerInvariant()}";
            if (v.Migration.UsedMemoryGiB is not null && v.Migration.DirtyRateMiBps > 0) yield return "migration live declaring memory and dirty rate";
            var co = v.Coordination;
            if (co.Coordinated && co.LeadTimeSeconds > 0 && co.Project is not null && !co.Actions.IsEmpty) yield return "vnfm coordinated (lead, reply, actions, project)";
            if (!co.Coordinated && co.Project is not null) yield return "vnfm declared but uncoordinated";
            yield return v.Availability switch
            {
                null => "no budget",
                { Sal: not null } => "budget sal",
                _ => "budget maxOutage",
            };
        }
        foreach (var cluster in dc.Clusters)
        {
            yield return $"cluster {cluster.Quorum.ToString().ToLowerInvariant()}";
            if (cluster.Component != cluster.Service) yield return "cluster component differs from service";
            if (cluster.Component == "keystone") yield return "identity cluster";
            if (cluster.Component == "keystone" && cluster.Serves.Length > 1) yield return "identity serving two sites";
        }
    }

    private static IEnumerable<string> StageFeatures(Stage stage, Campaign c)
    {
        var index = c.Stages.IndexOf(stage);
        if (!stage.After.IsEmpty) yield return "stages ordered by after";
        if (stage.After.Any(a => c.Stages.ToList().FindIndex(s => s.Name == a) > index)) yield return "stage listed before one it comes after";
        var control = stage.Scope.Roles == HostRoles.Control;
        if (control) yield return stage.Components.SequenceEqual(["host-os"]) ? "control hosts' OS stage" : "control-plane stage";
        else
        {
            var components = stage.Components.IsEmpty ? [.. c.Targets.Keys] : stage.Components;
            var impacts = components.Select(k => c.Component(k)!.Impact).ToList();
            yield return impacts.Any(i => i.RebootHost) ? "impact reboot" : impacts.Any(i => i.Evacuate) ? "impact evacuate without reboot" : "impact light";
        }
        switch (stage.Strategy)
        {
            case RollingStrategy when !control:
                yield return "strategy rolling (computes)";
                break;
            case CanaryStrategy canary:
                yield return "strategy canary";
                if (canary.FirstWave > 1) yield return "canary first wave > 1";
                if (!canary.HealthChecks.IsEmpty) yield return "canary gate checks";
                if (canary.Rest.PerRack is not null || canary.Rest.PerZone is not null || canary.Rest.PerSite is not null) yield return "canary then per-domain limit";
                break;
            case ParallelUniverseStrategy universe:
                yield return "strategy parallel-universe";
                if (!universe.Spares.Labels.IsEmpty) yield return "universe spares by label";
                if (universe.Transfer.TimeoutSeconds >= universe.Transfer.ExpectedSeconds) yield return "universe state transfer";
                if (!universe.CutoverServices.IsEmpty) yield return "universe cut-over services";
                if (universe.Moves != FaultDomainLimits.One) yield return "universe moves limits";
                break;
        }
    }

    private static IEnumerable<string> ProcedureFeatures(Campaign c)
    {
        var steps = c.Procedures.SelectMany(p => p.Steps).ToList();
        var policies = steps.Select(s => s.OnTimeout)
            .Concat(c.Stages.Select(s => s.Strategy).OfType<ParallelUniverseStrategy>().SelectMany(u => new[] { u.Transfer.OnTimeout, u.Cutover.OnTimeout }));
        foreach (var p in policies) yield return "onTimeout " + Kebab(p.ToString());
        foreach (var s in steps)
        {
            if (s.TimeoutSeconds == s.ExpectedSeconds) yield return "timeout equal to expected";
            switch (s.Action)
            {
                case StepAction.Notify:
                    yield return "notify";
                    yield return "notify " + CampaignLoader.EventNames.First(e => e.Value == s.Event).Key;
                    if (s.WaitReply) yield return "notify waiting for replies";
                    break;
                case StepAction.Switchover:
                    yield return "switchover step";
                    break;
                case StepAction.Evacuate:
                    yield return s.Mode == MigrationMode.Cold ? "evacuate cold" : s.Fallback == MigrationMode.Cold ? "evacuate live, fallback cold" : "evacuate live only";
                    break;
            }
        }
    }

    private static IEnumerable<string> SimulationFeatures(SimulationSettings s)
    {
        var d = SimulationSettings.Default;
        if (s.Durations != d.Durations) yield return "durations not default";
        if (s.Durations.Distribution == DurationDistribution.Fixed) yield return "durations fixed";
        if (s.LiveMigration != d.LiveMigration) yield return "live-migration settings";
        if (s.MigrationGiBps != d.MigrationGiBps) yield return "migration link";
        if (s.ColdBootSeconds != d.ColdBootSeconds) yield return "cold boot";
        if (s.StateGiB is not null) yield return "state GiB";
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
