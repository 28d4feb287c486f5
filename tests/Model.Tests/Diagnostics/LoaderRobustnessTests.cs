using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using FsCheck;
using FsCheck.Fluent;

namespace Escalator.Model.Tests.Diagnostics;

/// <summary>Nothing a user writes makes a loader throw: every problem becomes a diagnostic.</summary>
public sealed partial class LoaderRobustnessTests
{
    public static TheoryData<string, string> Garbage => new()
    {
        { "empty", "" },
        { "blank", "   \n\n  \n" },
        { "comment only", "# nothing here\n" },
        { "list at the top", "- name: t\n- sites: []\n" },
        { "scalar at the top", "just words" },
        { "binary", "\0\u0001\u0002\u00ff\u00fe\u0007binary\0\r\n\u001b[31m" },
        { "tabs", "name:\tt\n\tsites:\n\t\t- x" },
        { "two documents", "name: a\n---\nname: b\n" },
        { "unclosed flow", "name: [a, {b: c\nsites: [" },
        { "anchors", "a: &x [*x, *x]\nname: *x\nsites: *x\n" },
        { "unknown alias", "name: *nowhere\n" },
        { "tags", "name: !!binary aGVsbG8=\nsites: !custom {}\n" },
        { "complex keys", "? [a, b]\n: c\n? {d: e}\n: f\n" },
        { "empty keys", ": x\n\"\": y\n" },
        { "nulls everywhere", "name: ~\nsites: ~\nvnfs: null\nstages:\nprocedures:\n" },
        { "huge number", "name: t\nsites: [{name: s, zones: [{name: z, racks: [{name: r, hosts: [{name: h, capacity: {vcpu: 1e999999, ramGiB: -1e999}}]}]}]}]\n" },
        { "deep nesting", string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Parse_Garbage_DiagnosticsNotExceptions(string name, string text)
    {
        var topology = TopologyLoader.Parse("topology.yaml", text);
        var campaign = CampaignLoader.Parse("campaign.yaml", text);

        Assert.False(topology.Ok, name);
        Assert.False(campaign.Ok, name);
        Assert.Contains(topology.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains(campaign.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Parse_EmptyFile_SaysSoAtTheStart()
    {
        var loaded = TopologyLoader.Parse("topology.yaml", "");

        Expect.One(loaded.Diagnostics, DiagnosticCodes.MissingKey, "", new SourceLocation("topology.yaml", 1, 1),
            "the file is empty; expected a mapping with the keys name, description, profiles, sites, clusters, vnfs");
    }

    [Fact]
    public void Parse_ListAtTheTop_WrongType()
    {
        var loaded = CampaignLoader.Parse("campaign.yaml", "- a\n- b\n");

        Expect.One(loaded.Diagnostics, DiagnosticCodes.WrongType, "", new SourceLocation("campaign.yaml", 1, 1),
            "expected a mapping at the top of the file; found a list");
    }

    [Fact]
    public void Parse_WrongTypesEverywhereInTopology_OneDiagnosticPerWrongValue()
    {
        var text = """
            name: [t]
            description: {a: b}
            profiles: [p]
            sites:
              - name: {s: 1}
                zones: zone
                extra: 1
              - zones:
                  - name: z
                    racks:
                      - name: r
                        hosts:
                          - name: [h]
                          - {name: h2, roles: compute, capacity: 8, labels: [a], software: 1.0.0}
                          - {name: h3, roles: [{x: 1}], capacity: {vcpu: [1], ramGiB: {a: 1}, diskGiB: x, cpuOvercommit: -1}}
              - 7
            clusters: {galera: []}
            vnfs:
              - name: v
                flavor: 1
                redundancy: {model: [a], minActive: x, active: []}
                antiAffinity: {}
                migration: [live]
                switchover: forever
                maintenance: {coordinated: maybe, replyTimeout: [], actions: hello}
                availability: {sal: 9}
                instances: {a: b}
              - [1, 2]
            """;

        var loaded = TopologyLoader.Parse("topology.yaml", text);

        Assert.False(loaded.Ok);
        Assert.True(loaded.Diagnostics.Length >= 25, Expect.List(loaded.Diagnostics));
        Assert.All(loaded.Diagnostics, d => Assert.NotNull(d.Location));
        Assert.Equal(loaded.Diagnostics.OrderBy(d => d.Location!.Value.Line).ThenBy(d => d.Location!.Value.Column), loaded.Diagnostics);
    }

    [Fact]
    public void Parse_WrongTypesEverywhereInCampaign_OneDiagnosticPerWrongValue()
    {
        var text = """
            name: {c: 1}
            topology: [t]
            targets: [host-os]
            components:
              - name: [x]
                dependsOn: {a: b}
                talksTo: [{component: [], peerMajorAhead: {min: a, max: []}}, 5]
                impact: {rebootHost: yes, lostFor: later, backup: {a: 1}}
              - 3
            stages:
              - name: s
                after: {a: b}
                scope: {roles: [nobody], labels: [x], sites: {a: 1}}
                components: {a: 1}
                procedure: []
                strategy: {rolling: {maxUnavailable: [2], perRack: zero}, canary: {}}
              - name: t
                scope: all
                procedure: p
                strategy: {canary: {firstWave: 0, soak: never, healthChecks: {a: 1}, then: 3}}
              - name: u
                scope: {}
                procedure: p
                strategy: {parallelUniverse: {spares: 1, stateTransfer: {expected: x, timeout: y, onTimeout: pray}, cutover: [], moves: {perSite: 0}}}
            procedures:
              p: {action: upgrade}
              q: [1, {action: notify, event: SOMETHING, waitReply: perhaps}, {action: [], expected: 1m, timeout: 2m}]
            recovery: {retries: -1, rollback: back, maxFailures: many}
            checks:
              c: {command: [ls], url: {}, expectStatus: 99, timeout: soon}
              d: 5
            """;

        var loaded = CampaignLoader.Parse("campaign.yaml", text);

        Assert.False(loaded.Ok);
        Assert.True(loaded.Diagnostics.Length >= 35, Expect.List(loaded.Diagnostics));
        Assert.All(loaded.Diagnostics, d => Assert.NotNull(d.Location));
        Assert.Equal(loaded.Diagnostics.OrderBy(d => d.Location!.Value.Line).ThenBy(d => d.Location!.Value.Column), loaded.Diagnostics);
    }

    [Fact]
    public void Parse_MutatedScenarioFiles_NeverThrowsAndExplainsEveryRejection()
    {
        var gen = from topology in Gen.Elements(true, false)
                  from edits in Gen.ListOf(Edit, 3)
                  select new Mutation(topology, [.. edits]);

        Properties.Check(gen, 400, mutation =>
        {
            var topologyText = mutation.OfTopology ? mutation.Apply(ReferenceTopology) : ReferenceTopology;
            var campaignText = mutation.OfTopology ? ReferenceCampaign : mutation.Apply(ReferenceCampaign);

            var topology = TopologyLoader.Parse("topology.yaml", topologyText);
            var campaign = CampaignLoader.Parse("campaign.yaml", campaignText);

            foreach (var diagnostics in new[] { topology.Diagnostics, campaign.Diagnostics })
            {
                Assert.All(diagnostics, d => Assert.NotNull(d.Location));
                Assert.Equal(diagnostics.OrderBy(d => d.Location!.Value.Line).ThenBy(d => d.Location!.Value.Column), diagnostics);
            }
            Assert.True(topology.Value is not null || topology.Diagnostics.Any(d => d.Severity == Severity.Error));
            Assert.True(campaign.Value is not null || campaign.Diagnostics.Any(d => d.Severity == Severity.Error));
            if (topology.Ok && campaign.Value is not null)
            {
                var validation = CampaignValidator.Validate(campaign.Value, campaign.Sources, topology.Value!);
                if (campaign.Ok && !validation.Any(d => d.Severity == Severity.Error))
                {
                    PlanExpander.Expand(campaign.Value, topology.Value!);
                }
            }
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void Parse_UnmutatedReferenceFiles_CleanAndValid()
    {
        var topology = TopologyLoader.Parse("topology.yaml", ReferenceTopology);
        var campaign = CampaignLoader.Parse("campaign.yaml", ReferenceCampaign);

        var validation = CampaignValidator.Validate(campaign.Value!, campaign.Sources, topology.Value!);

        Assert.True(topology.Ok, Expect.List(topology.Diagnostics));
        Assert.True(campaign.Ok, Expect.List(campaign.Diagnostics));
        Assert.Empty(validation);
    }

    /// <summary>An edit of a text at a relative position (0 to 999 per mille), so that it applies to any text.</summary>
    private sealed record TextEdit(int Kind, int At, int Length, string Insert)
    {
        public string Apply(string text)
        {
            var i = (int)((long)At * text.Length / 1000);
            var lines = text.Split('\n');
            return Kind switch
            {
                0 => text.Remove(i, Math.Min(Length, text.Length - i)),
                1 => text.Insert(i, Insert),
                2 => string.Join('\n', Swap(lines, At % lines.Length, Length % lines.Length)),
                _ => text.Insert(i, text.Substring(Length * text.Length / 1000 % text.Length, Math.Min(30, text.Length - Length * text.Length / 1000 % text.Length))),
            };
        }

        private static string[] Swap(string[] lines, int a, int b)
        {
            (lines[a], lines[b]) = (lines[b], lines[a]);
            return lines;
        }
    }

    private sealed record Mutation(bool OfTopology, TextEdit[] Edits)
    {
        public string Apply(string text) => Edits.Aggregate(text, (t, e) => e.Apply(t));

        public override string ToString() =>
            $"{(OfTopology ? "topology" : "campaign")} edits: {string.Join("; ", Edits.Select(e => e.ToString()))}";
    }

    private static readonly string[] Pieces = ["[", "]", "{", "}", ":", "- ", ",", "'", "\"", "&a", "*a", "!", "|", ">", "#", "%", "\t", "\n", "  ", "0", "-1",
        "99999999999", "[]", "{}", "~", "true", "1.2", "x", ": ", "[1-99999999999]", "[9-1]", "1e999", "%50"];

    private static Gen<TextEdit> Edit =>
        from kind in Gen.Choose(0, 3)
        from at in Gen.Choose(0, 999)
        from length in Gen.Choose(1, 40)
        from insert in Gen.Elements(Pieces)
        select new TextEdit(kind, at, length, insert);
}
