using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Tests.Diagnostics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Campaigns;

/// <summary>What a campaign says of a topology: diagnostics placed in the campaign file.</summary>
public sealed class CampaignValidatorTests
{
    private const string File = "campaign.yaml";

    private static readonly DataCentre Dc = LoadTopology("""
        name: t
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - name: rack1
                    hosts:
                      - {name: "cmp-[1-2]", roles: [compute], labels: {tier: gold}, capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 1.0.0, libvirt: 8.0.0}}
                      - {name: ctl-1, roles: [control], capacity: {vcpu: 8, ramGiB: 32}, software: {galera: 10.0.0}}
                  - name: rack2
                    hosts:
                      - {name: "cmp-[3-4]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 2.0.0}}
        vnfs:
          - {name: v, flavor: {vcpu: 1, ramGiB: 1}, redundancy: none, instances: [{name: v-1, host: cmp-3}]}
        """);

    [Fact]
    public void Validate_CleanCampaign_NoDiagnostics()
    {
        var text = Campaign("""
            - {name: computes, scope: {roles: [compute], labels: {tier: gold}}, procedure: p, strategy: {rolling: {}}}
            """);

        var diagnostics = Validate(text);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Validate_ScopeMatchesNoHost_SelectorMatchesNothing()
    {
        var text = Campaign("""
            - name: storage
              scope: {roles: [storage], racks: [rack1]}
              procedure: p
              strategy: {rolling: {}}
            """);

        var diagnostics = Validate(text);

        Expect.One(diagnostics, DiagnosticCodes.SelectorMatchesNothing, "stages[0].scope", Expect.Where(File, text, "{roles: [storage]"),
            "stage 'storage' selects no host: no host has the role storage and a place in rack rack1");
    }

    [Fact]
    public void Validate_ScopeMatchesHostsWithoutTheComponents_SelectorMatchesNothing()
    {
        var text = Campaign("""
            - {name: controllers, scope: {roles: [control]}, procedure: p, strategy: {rolling: {}}}
            """);

        var diagnostics = Validate(text);

        Expect.One(diagnostics, DiagnosticCodes.SelectorMatchesNothing, "stages[0].scope", Expect.Where(File, text, "{roles: [control]}"),
            "stage 'controllers' selects 1 host(s) (ctl-1), but none runs host-os or libvirt");
    }

    [Fact]
    public void Validate_MisspeltRack_UnknownReferenceWithSuggestion()
    {
        var text = Campaign("""
            - {name: computes, scope: {racks: [rakc1]}, procedure: p, strategy: {rolling: {}}}
            """);

        var diagnostics = Validate(text);

        Expect.One(diagnostics, DiagnosticCodes.UnknownReference, "stages[0].scope.racks", Expect.Where(File, text, "[rakc1]"),
            "the topology has no rack named 'rakc1'; did you mean 'rack1'?");
    }

    [Fact]
    public void Validate_UnknownLabel_UnknownReference()
    {
        var text = Campaign("""
            - {name: computes, scope: {labels: {teir: gold}}, procedure: p, strategy: {rolling: {}}}
            """);

        var diagnostics = Validate(text);

        Expect.One(diagnostics, DiagnosticCodes.UnknownReference, "stages[0].scope.labels.teir", Expect.Where(File, text, "gold"),
            "no host has a label 'teir'; did you mean 'tier'?");
    }

    [Fact]
    public void Validate_TwoStagesUpgradeOneHost_StageOverlapAtTheSecond()
    {
        var text = Campaign("""
            - {name: gold, scope: {labels: {tier: gold}}, procedure: p, strategy: {rolling: {}}}
            - {name: rack1, scope: {racks: [rack1]}, procedure: p, strategy: {rolling: {}}}
            """);

        var diagnostics = Validate(text);

        Expect.One(diagnostics, DiagnosticCodes.StageOverlap, "stages[1].scope", Expect.Where(File, text, "{racks: [rack1]}"),
            "stages 'gold' and 'rack1' both upgrade host-os on cmp-1");
    }

    [Fact]
    public void Validate_HostNewerThanTarget_InconsistentAtTheTarget()
    {
        var text = Campaign("""
            - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
            """, libvirt: "7.0.0");

        var diagnostics = Validate(text);

        var at = Expect.Where(File, text, "7.0.0");
        Assert.Equal<Diagnostic>(
            [
                new Diagnostic(DiagnosticCodes.Inconsistent, Severity.Error,
                    "cmp-1, cmp-2 run libvirt 8.0.0, newer than the target 7.0.0; a campaign does not downgrade", at, "targets.libvirt"),
            ],
            diagnostics);
    }

    [Fact]
    public void Validate_OnlyHostsNewerThanTarget_StillReported()
    {
        var text = Campaign("""
            - {name: computes, scope: {roles: [compute], racks: [rack2]}, procedure: p, strategy: {rolling: {}}}
            """, hostOs: "1.5.0");

        var diagnostics = Validate(text);

        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.Inconsistent, d.Code);
        Assert.Equal("cmp-3, cmp-4 run host-os 2.0.0, newer than the target 1.5.0; a campaign does not downgrade", d.Message);
    }

    [Fact]
    public void Validate_CanaryLargerThanStage_Inconsistent()
    {
        var text = Campaign("""
            - {name: computes, scope: {labels: {tier: gold}}, procedure: p, strategy: {canary: {firstWave: 3, soak: 10m}}}
            """);

        var diagnostics = Validate(text);

        Expect.One(diagnostics, DiagnosticCodes.Inconsistent, "stages[0].strategy.canary.firstWave", Expect.Where(File, text, "3,"),
            "the canary wave of 3 hosts is larger than the 2 host(s) stage 'computes' upgrades");
    }

    [Fact]
    public void Validate_SparesCarryInstancesAndOverlap_BothReported()
    {
        var text = Campaign("""
            - name: computes
              scope: {roles: [compute]}
              procedure: p
              strategy:
                parallelUniverse:
                  spares: {racks: [rack2]}
                  stateTransfer: {expected: 5m, timeout: 30m}
                  cutover: {expected: 1m, timeout: 5m}
            """);

        var diagnostics = Validate(text);

        var at = Expect.Where(File, text, "{racks: [rack2]}");
        Expect.One(diagnostics, DiagnosticCodes.StageOverlap, "stages[0].strategy.parallelUniverse.spares", at,
            "hosts cmp-3, cmp-4 are both spares and hosts to retire in stage 'computes'");
        Expect.One(diagnostics, DiagnosticCodes.Inconsistent, "stages[0].strategy.parallelUniverse.spares", at,
            "spare hosts must be empty", "cmp-3 carry instances");
    }

    [Fact]
    public void Validate_CampaignWithLoaderErrors_ReportsWithoutThrowing()
    {
        // The stage names a component that is no target and a procedure that does not exist; the loader reported both.
        var text = """
            name: c
            targets: {host-os: 2.0.0, libvirt: 9.0}
            components: [{name: host-os}]
            stages:
              - {name: computes, components: [host-os, libvirt, nova], scope: {roles: [compute]}, procedure: q, strategy: {canary: {}}}
            procedures: {}
            """;
        var loaded = CampaignLoader.Parse(File, text);

        var diagnostics = CampaignValidator.Validate(loaded.Value!, loaded.Sources, Dc);

        Assert.False(loaded.Ok);
        Assert.Empty(diagnostics);
    }

    private static ImmutableArray<Diagnostic> Validate(string text)
    {
        var loaded = CampaignLoader.Parse(File, text);
        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        return CampaignValidator.Validate(loaded.Value!, loaded.Sources, Dc);
    }

    private static string Campaign(string stages, string libvirt = "9.0.0", string hostOs = "2.0.0") => $$"""
        name: c
        targets: {host-os: {{hostOs}}, libvirt: {{libvirt}}}
        components: [{name: host-os}, {name: libvirt}]
        stages:
        {{Indent(stages)}}
        procedures:
          p: [{action: upgrade, expected: 10m, timeout: 20m}]
        """;

    private static string Indent(string lines) => string.Join("\n", lines.Split('\n').Select(l => "  " + l));

    internal static DataCentre LoadTopology(string text)
    {
        var loaded = TopologyLoader.Parse("topology.yaml", text);
        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        return loaded.Value!;
    }
}
