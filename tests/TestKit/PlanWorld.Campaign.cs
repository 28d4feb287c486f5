using System.Text;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

public sealed partial record PlanWorld
{
    private void DescribeCampaign(StringBuilder text)
    {
        var c = Campaign;
        text.AppendLine($"campaign {c.Name}: targets {string.Join(", ", c.Targets.Select(t => $"{t.Key} {t.Value}"))}");
        foreach (var k in c.Components)
        {
            var i = k.Impact;
            var impact = i.RebootHost || i.Evacuate ? $"{(i.RebootHost ? "reboot " : "")}{(i.Evacuate ? "evacuate " : "")}".TrimEnd() : "light";
            var depends = k.DependsOn.IsEmpty ? "" : $" dependsOn {string.Join(" ", k.DependsOn)}";
            var talks = k.TalksTo.IsEmpty ? "" : $" talksTo {string.Join(" ", k.TalksTo.Select(t => $"{t.Peer}[{t.MinPeerAhead},{t.MaxPeerAhead}]"))}";
            text.AppendLine($"  component {k.Name} {impact}{depends}{talks}");
        }
        foreach (var s in c.Stages)
        {
            var after = s.After.IsEmpty ? "" : $" after {string.Join(" ", s.After)}";
            var components = s.Components.IsEmpty ? "every target" : string.Join(" ", s.Components);
            text.AppendLine($"  stage {s.Name}{after} scope {{{Describe(s.Scope)}}} [{components}] procedure {s.Procedure} {Describe(s.Strategy)}");
        }
        foreach (var p in c.Procedures)
        {
            text.AppendLine($"  procedure {p.Name}: {string.Join("; ", p.Steps.Select(Describe))}");
        }
        var r = c.Recovery;
        text.AppendLine($"  recovery retries {r.Retries} rollback {Kebab(r.Rollback)} maxFailures {r.MaxFailures}; checks "
            + string.Join(", ", c.Checks.Select(h => $"{h.Name} {(h.Url is { } url ? $"{url} {h.ExpectStatus}" : h.Command)} {D(h.TimeoutSeconds)}")));
        text.AppendLine($"  simulation {Describe(c.Simulation)}");
    }

    private static string Describe(Selector s)
    {
        var parts = new List<string>();
        if (s.Roles != HostRoles.None) parts.Add($"roles {Roles(s.Roles)}");
        parts.AddRange(s.Labels.Select(l => $"{l.Key}={l.Value}"));
        if (!s.Sites.IsEmpty) parts.Add($"sites {string.Join(" ", s.Sites)}");
        if (!s.Zones.IsEmpty) parts.Add($"zones {string.Join(" ", s.Zones)}");
        if (!s.Racks.IsEmpty) parts.Add($"racks {string.Join(" ", s.Racks)}");
        return string.Join(", ", parts);
    }

    private static string Describe(Strategy strategy) => strategy switch
    {
        RollingStrategy r => $"rolling {Describe(r.Limits)}",
        CanaryStrategy c => $"canary first {c.FirstWave} soak {D(c.SoakSeconds)} gate [{string.Join(" ", c.HealthChecks)}] then {Describe(c.Rest)}",
        ParallelUniverseStrategy u => $"parallel-universe spares {{{Describe(u.Spares)}}} transfer {Describe(u.Transfer)} cutover {Describe(u.Cutover)}"
            + $" services [{string.Join(" ", u.CutoverServices)}] moves {Describe(u.Moves)}",
        _ => strategy.Kind,
    };

    private static string Describe(FaultDomainLimits l) =>
        $"{{max {l.MaxUnavailable}{(l.PerRack is { } r ? $" perRack {r}" : "")}{(l.PerZone is { } z ? $" perZone {z}" : "")}{(l.PerSite is { } s ? $" perSite {s}" : "")}}}";

    private static string Describe(TimedStep t) => $"{D(t.ExpectedSeconds)}/{D(t.TimeoutSeconds)} {Kebab(t.OnTimeout)}";

    private static string Describe(ProcedureStep s)
    {
        var what = s.Action switch
        {
            StepAction.Notify => $"notify {CampaignLoader.EventNames.First(e => e.Value == s.Event).Key}{(s.WaitReply ? " wait" : "")}",
            StepAction.Evacuate => $"evacuate {(s.Mode is { } m ? Kebab(m) : "?")}{(s.Fallback is { } f ? $"→{Kebab(f)}" : "")}",
            StepAction.Verify => $"verify [{string.Join(" ", s.Checks)}]",
            _ => Kebab(s.Action),
        };
        return $"{what} {D(s.ExpectedSeconds)}/{D(s.TimeoutSeconds)} {Kebab(s.OnTimeout)}";
    }

    /// <summary>Only what differs from <see cref="SimulationSettings.Default"/>.</summary>
    private static string Describe(SimulationSettings s)
    {
        var d = SimulationSettings.Default;
        var parts = new List<string>();
        if (s.Durations != d.Durations) parts.Add($"durations {Kebab(s.Durations.Distribution)} cv {N(s.Durations.Cv)}");
        if (s.MigrationGiBps != d.MigrationGiBps) parts.Add($"migration {N(s.MigrationGiBps)} GiB/s");
        if (s.LiveMigration != d.LiveMigration)
        {
            var l = s.LiveMigration;
            parts.Add($"live maxDowntime {D(l.MaxDowntimeSeconds)} steps {l.DowntimeSteps} delay {D(l.DowntimeDelaySecondsPerGiB)}/GiB "
                + $"completion {D(l.CompletionTimeoutSecondsPerGiB)}/GiB {Kebab(l.OnNonConvergence)} concurrent {l.MaxConcurrentPerHost} resume {D(l.ResumeSeconds)}");
        }
        if (s.ColdBootSeconds != d.ColdBootSeconds) parts.Add($"coldBoot {D(s.ColdBootSeconds)}");
        if (s.Faults != d.Faults) parts.Add($"faults {s.Faults}");
        if (s.UpgradesPerYear != d.UpgradesPerYear) parts.Add($"upgradesPerYear {N(s.UpgradesPerYear)}");
        if (s.StateGiB is { } state) parts.Add($"state {N(state)} GiB");
        if (s.TransferGiBps != d.TransferGiBps) parts.Add($"transfer {N(s.TransferGiBps)} GiB/s");
        return parts.Count == 0 ? "defaults" : string.Join("; ", parts);
    }
}
