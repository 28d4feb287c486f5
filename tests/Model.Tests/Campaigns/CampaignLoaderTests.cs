using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Semantics;
using Escalator.Model.Tests.Diagnostics;

namespace Escalator.Model.Tests.Campaigns;

/// <summary>One test per kind of diagnostic a campaign file can earn on its own: code, message, position and YAML path.</summary>
public sealed class CampaignLoaderTests
{
    private const string File = "campaign.yaml";

    private const string Procedures = """
        procedures:
          p:
            - {action: evacuate, mode: live, expected: 30s, timeout: 5m}
            - {action: upgrade, expected: 10m, timeout: 20m}
        """;

    [Fact]
    public void Parse_ValidFile_OkWithoutDiagnostics()
    {
        var text = Campaign("""
            stages:
              - name: computes
                scope: {roles: [compute]}
                procedure: p
                strategy:
                  rolling: {maxUnavailable: 25%, perRack: 1}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Empty(loaded.Diagnostics);
        var rolling = Assert.IsType<RollingStrategy>(loaded.Value!.Stages[0].Strategy);
        Assert.Equal(new FaultDomainLimits(new Limit(25, true), PerRack: 1), rolling.Limits);
    }

    [Fact]
    public void Parse_MisspeltLimit_UnknownKeyWithSuggestion()
    {
        var text = Campaign("""
            stages:
              - name: computes
                scope: {roles: [compute]}
                procedure: p
                strategy:
                  rolling: {maxUnavaliable: 2, perRack: 1}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnknownKey, "stages[0].strategy.rolling.maxUnavaliable", Expect.Where(File, text, "maxUnavaliable"),
            "unknown key 'maxUnavaliable'; did you mean 'maxUnavailable'?");
    }

    [Fact]
    public void Parse_StageWithoutProcedure_MissingKeyAtTheStage()
    {
        var text = Campaign("""
            stages:
              - name: computes
                scope: {roles: [compute]}
                strategy:
                  rolling: {maxUnavailable: 2}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.MissingKey, "stages[0].procedure", Expect.Where(File, text, "name: computes"),
            "the key 'procedure' is required (a string); it is missing");
    }

    [Fact]
    public void Parse_WordForFirstWave_WrongTypeAtTheValue()
    {
        var text = Campaign("""
            stages:
              - name: computes
                scope: {roles: [compute]}
                procedure: p
                strategy:
                  canary: {firstWave: one, soak: 10m}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.WrongType, "stages[0].strategy.canary.firstWave", Expect.Where(File, text, "one,"),
            "expected a whole number; found 'one'");
    }

    [Fact]
    public void Parse_MisspeltAction_BadValueWithSuggestion()
    {
        var text = Campaign("""
            stages:
              - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
            """, """
            procedures:
              p:
                - {action: upgrade, expected: 10m, timeout: 20m}
                - {action: evacute, expected: 30s, timeout: 5m}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "procedures.p[1].action", Expect.Where(File, text, "evacute"),
            "expected one of enter-maintenance, notify, switchover, evacuate,", "found 'evacute'; did you mean 'evacuate'?");
    }

    [Fact]
    public void Parse_BadMaxUnavailable_BadValue()
    {
        var text = Campaign("""
            stages:
              - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {maxUnavailable: 0%}}}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "stages[0].strategy.rolling.maxUnavailable", Expect.Where(File, text, "0%"),
            "expected a count of at least 1 (such as 2) or a percentage (such as 25%); found '0%'");
    }

    [Fact]
    public void Parse_TargetNotSemantic_NotSemanticAtTheVersion()
    {
        var text = """
            name: c
            targets: {host-os: "2.0"}
            components: [{name: host-os}]
            stages:
              - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
            """ + "\n" + Procedures;

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.NotSemantic, "targets.host-os", Expect.Where(File, text, "\"2.0\""),
            "found '2.0'");
    }

    [Fact]
    public void Parse_StagesWaitingForEachOther_StageCycleNamesTheCycle()
    {
        var text = Campaign("""
            stages:
              - {name: first, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
              - {name: controllers, after: [computes], scope: {roles: [control]}, procedure: p, strategy: {rolling: {}}}
              - {name: computes, after: [controllers], scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.StageCycle, "stages[2].after", Expect.Where(File, text, "[controllers]"),
            "the stages depend on each other in a cycle: computes → controllers → computes");
    }

    [Fact]
    public void Parse_StepWithoutTimeout_UnboundedWaitAtTheStep()
    {
        var text = Campaign("""
            stages:
              - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
            """, """
            procedures:
              p:
                - {action: evacuate, mode: live, expected: 30s}
                - {action: upgrade, expected: 10m, timeout: 20m}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnboundedWait, "procedures.p[0]", Expect.Where(File, text, "{action: evacuate"),
            "the evacuate step has no timeout; every wait must be bounded");
    }

    [Fact]
    public void Parse_ZeroTimeout_UnboundedWaitAtTheTimeout()
    {
        var text = Campaign("""
            stages:
              - name: computes
                scope: {roles: [compute]}
                procedure: p
                strategy:
                  parallelUniverse:
                    spares: {labels: {pool: new}}
                    stateTransfer: {expected: 5m, timeout: 0s}
                    cutover: {expected: 1m, timeout: 5m}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnboundedWait, "stages[0].strategy.parallelUniverse.stateTransfer.timeout",
            Expect.Where(File, text, "0s"), "the stateTransfer step has no timeout");
    }

    [Fact]
    public void Parse_StageNamedTwice_DuplicateNameNotException()
    {
        var text = Campaign("""
            stages:
              - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
              - {name: computes, after: [computes], scope: {roles: [control]}, procedure: p, strategy: {rolling: {}}}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.DuplicateName, "stages[1].name", Expect.Where(File, text, "computes", 2),
            "stage 'computes' is defined twice");
    }

    [Fact]
    public void Parse_MisspeltProcedure_UnknownReferenceWithSuggestion()
    {
        var text = Campaign("""
            stages:
              - {name: computes, scope: {roles: [compute]}, procedure: q, strategy: {rolling: {}}}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnknownReference, "stages[0].procedure", Expect.Where(File, text, "q,"),
            "no procedure is named 'q'", "(known: p)");
    }

    [Fact]
    public void Parse_ScopeByHostName_BadValueExplainsSelectors()
    {
        var text = Campaign("""
            stages:
              - {name: computes, scope: {hosts: [cmp-1]}, procedure: p, strategy: {rolling: {}}}
            """);

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "stages[0].scope.hosts", Expect.Where(File, text, "[cmp-1]"),
            "never by name");
    }

    [Fact]
    public void Parse_ManyErrors_AllReportedSortedByPosition()
    {
        var text = """
            name: c
            targets: {host-os: 2.0.0, libvirt: "9"}
            components: [{name: host-os}, {name: libvirt}]
            stages:
              - {name: a, after: [b], scope: {roles: [compute]}, procedure: p, strategy: {rolling: {maxUnavaliable: 2}}}
              - {name: b, after: [a], scope: {roles: [compte]}, procedure: p, strategy: {rolling: {}}}
            procedures:
              p:
                - {action: upgrade, expected: 10m}
            """;

        var loaded = CampaignLoader.Parse(File, text);

        var expected = new[]
        {
            (DiagnosticCodes.NotSemantic, Expect.Where(File, text, "\"9\"")),
            (DiagnosticCodes.StageCycle, Expect.Where(File, text, "[b]")),
            (DiagnosticCodes.UnknownKey, Expect.Where(File, text, "maxUnavaliable")),
            (DiagnosticCodes.BadValue, Expect.Where(File, text, "compte")),
            (DiagnosticCodes.UnboundedWait, Expect.Where(File, text, "{action: upgrade")),
        };
        Assert.Equal(expected, loaded.Diagnostics.Select(d => (d.Code, d.Location!.Value)));
    }

    [Fact]
    public void Parse_Resilience_CountsOfEachFailureAndNoneByDefault()
    {
        const string Stages = """
            stages:
              - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {maxUnavailable: 1}}}
            """;

        var asked = CampaignLoader.Parse(File, Campaign(Stages) + "\nresilience: {hostFailures: 2, rollbacks: 1}\n");
        var plain = CampaignLoader.Parse(File, Campaign(Stages));
        var negative = CampaignLoader.Parse(File, Campaign(Stages) + "\nresilience: {hostFailures: -1, fallbacks: 1}\n");

        Assert.True(asked.Ok, Expect.List(asked.Diagnostics));
        Assert.Equal(new Resilience(2, 0, 1), asked.Value!.Resilience);
        Assert.Equal(Resilience.None, plain.Value!.Resilience);
        Assert.Equal(["resilience.hostFailures", "resilience.fallbacks"], negative.Diagnostics.Select(d => d.Path));
        Assert.Equal("expected a value of at least 0; found -1", negative.Diagnostics[0].Message);
        Assert.Contains("migrationFallbacks", negative.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    private static string Campaign(string stages, string procedures = Procedures) => $$$"""
        name: c
        targets: {host-os: 2.0.0}
        components:
          - {name: host-os, impact: {rebootHost: true, evacuate: true}}
        {{{stages}}}
        {{{procedures}}}
        """;
}
