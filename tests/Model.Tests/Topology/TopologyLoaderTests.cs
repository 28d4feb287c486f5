using Escalator.Model.Diagnostics;
using Escalator.Model.Tests.Diagnostics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Topology;

/// <summary>One test per kind of diagnostic a topology file can earn: code, message, position and YAML path.</summary>
public sealed partial class TopologyLoaderTests
{
    private const string File = "topology.yaml";

    private const string Host = "sites[0].zones[0].racks[0].hosts[0]";

    [Fact]
    public void Parse_ValidFile_OkWithoutDiagnostics()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: "h[1-2]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 1.0.0}}
            vnfs:
              - name: v
                flavor: {vcpu: 2, ramGiB: 4}
                redundancy: active-standby
                antiAffinity: host
                instances:
                  - {name: v-1, host: h1}
                  - {name: v-2, host: h2}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(["h1", "h2"], loaded.Value!.Hosts.Select(h => h.Id.Name));
        Assert.Equal(new InstanceId("v-1"), loaded.Value.Vnfs[0].Redundancy.Active);
    }

    [Fact]
    public void Parse_CoordinationEndpointNotAnHttpUrl_ErrorAtTheEndpoint()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: 1.0.0}}
            vnfs:
              - name: v
                flavor: {vcpu: 1, ramGiB: 1}
                redundancy: none
                maintenance: {coordinated: true, endpoint: vnfm.test/notices}
                instances:
                  - {name: v-1, host: h1}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "vnfs[0].maintenance.endpoint", Expect.Where(File, text, "vnfm.test"),
            "absolute http or https URL", "found 'vnfm.test/notices'");
    }

    [Fact]
    public void Parse_UnclosedQuote_SyntaxErrorAtTheQuote()
    {
        var text = """
            name: t
            description: "never closed
            sites: []
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Assert.Null(loaded.Value);
        Expect.One(loaded.Diagnostics, DiagnosticCodes.Syntax, "", Expect.Where(File, text, "\"never"), "not valid YAML", "quoted scalar");
    }

    [Fact]
    public void Parse_FlowListLeftOpen_SyntaxErrorNotException()
    {
        var text = """
            name: t
            sites: [s1, s2
            vnfs: []
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Assert.Null(loaded.Value);
        var at = Expect.Where(File, text, "s1");
        Expect.One(loaded.Diagnostics, DiagnosticCodes.Syntax, "", at with { Column = at.Column + 2 }, "not valid YAML", "line 2, column 11", "not closed");
    }

    [Fact]
    public void Parse_KeyWithoutName_SyntaxErrorNotException()
    {
        var text = """
            name: t
            profiles:
              p:
                : 1.0.0
            sites: []
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Assert.Null(loaded.Value);
        Assert.Equal(DiagnosticCodes.Syntax, Assert.Single(loaded.Diagnostics).Code);
    }

    [Fact]
    public void Parse_MisspeltKey_UnknownKeyWithSuggestion()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute], capacty: {vcpu: 8, ramGiB: 32}}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnknownKey, $"{Host}.capacty", Expect.Where(File, text, "capacty"),
            "unknown key 'capacty'; did you mean 'capacity'?");
    }

    [Fact]
    public void Parse_HostWithoutName_MissingKeyAtTheHost()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - roles: [compute]
                            capacity: {vcpu: 8, ramGiB: 32}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.MissingKey, $"{Host}.name", Expect.Where(File, text, "roles"),
            "the key 'name' is required", "it is missing");
    }

    [Fact]
    public void Parse_NoSites_MissingKeyAtTheTop()
    {
        var text = """
            name: t
            vnfs: []
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.MissingKey, "sites", new SourceLocation(File, 1, 1), "the key 'sites' is required (a list)");
    }

    [Fact]
    public void Parse_WordForANumber_WrongTypeAtTheValue()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute], capacity: {vcpu: many, ramGiB: 32}}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.WrongType, $"{Host}.capacity.vcpu", Expect.Where(File, text, "many"),
            "expected a whole number; found 'many'");
    }

    [Fact]
    public void Parse_ListForAMapping_WrongTypeNamesWhatWasFound()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute], capacity: [8, 32]}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.WrongType, $"{Host}.capacity", Expect.Where(File, text, "[8"),
            "expected a mapping; found a list");
    }

    [Fact]
    public void Parse_MisspeltRedundancyModel_BadValueWithSuggestion()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: "h[1-2]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}
            vnfs:
              - name: v
                flavor: {vcpu: 2, ramGiB: 4}
                redundancy: activ-standby
                instances:
                  - {name: v-1, host: h1}
                  - {name: v-2, host: h2}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "vnfs[0].redundancy", Expect.Where(File, text, "activ-standby"),
            "expected one of active-standby, n+m, quorum, none; found 'activ-standby'; did you mean 'active-standby'?");
    }

    [Fact]
    public void Parse_MisspeltRole_BadValueWithSuggestion()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute, strage], capacity: {vcpu: 8, ramGiB: 32}}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, $"{Host}.roles[1]", Expect.Where(File, text, "strage"),
            "found 'strage'; did you mean 'storage'?");
    }

    [Fact]
    public void Parse_KeyTwice_DuplicateKeyAtTheSecond()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute], name: h2}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Assert.Null(loaded.Value);
        // YamlDotNet rejects the whole file, so the diagnostic has a position but no path.
        Expect.One(loaded.Diagnostics, DiagnosticCodes.DuplicateKey, "", Expect.Where(File, text, "name: h2"), "Duplicate key", "name");
    }
}
