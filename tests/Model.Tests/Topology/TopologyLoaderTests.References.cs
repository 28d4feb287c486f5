using Escalator.Model.Diagnostics;
using Escalator.Model.Tests.Diagnostics;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Topology;

/// <summary>Diagnostics about what a topology's entries mean and refer to: versions, hosts, capacity, ranges, names.</summary>
public sealed partial class TopologyLoaderTests
{
    [Fact]
    public void Parse_TwoPartVersion_NotSemanticAtTheVersion()
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
                          - name: h1
                            roles: [compute]
                            capacity: {vcpu: 8, ramGiB: 32}
                            software:
                              host-os: 12.5
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.NotSemantic, $"{Host}.software.host-os", Expect.Where(File, text, "12.5"),
            "expected a semantic version MAJOR.MINOR.PATCH", "found '12.5'");
    }

    [Fact]
    public void Parse_InstanceOnMissingHost_UnknownReferenceWithSuggestion()
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
                          - {name: "cmp-[1-2]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}
            vnfs:
              - name: v
                flavor: {vcpu: 2, ramGiB: 4}
                redundancy: none
                instances:
                  - {name: v-1, host: cmp-1}
                  - {name: v-2, host: cmp-3}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnknownReference, "vnfs[0].instances[1].host", Expect.Where(File, text, "cmp-3"),
            "instance 'v-2' is on host 'cmp-3', but no host has that name; did you mean 'cmp-1'?");
    }

    [Fact]
    public void Parse_InstancesOverflowTheirHost_CapacityExceededAtTheHost()
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
                          - {name: small, roles: [compute], capacity: {vcpu: 2, ramGiB: 16}}
            vnfs:
              - name: v
                flavor: {vcpu: 6, ramGiB: 4}
                redundancy: none
                instances:
                  - {name: v-1, host: small}
                  - {name: v-2, host: small}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.CapacityExceeded, $"{Host}.name", Expect.Where(File, text, "small"),
            "host 'small' is already over capacity before the upgrade", "(v-1, v-2)", "12 vCPU of 8 allocatable (2 × 4)");
    }

    [Fact]
    public void Parse_BackwardsRange_BadHostRangeAtTheName()
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
                          - {name: "cmp-[09-01]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadHostRange, $"{Host}.name", Expect.Where(File, text, "\"cmp-"),
            "'cmp-[09-01]'", "runs backwards");
    }

    [Fact]
    public void Parse_MemberRangeTooLarge_BadHostRangeNotException()
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
                          - {name: ctl-1, roles: [control], capacity: {vcpu: 8, ramGiB: 32}, software: {galera: 1.0.0}}
            clusters:
              - {service: galera, members: ["ctl-[1-99999999999]"]}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadHostRange, "clusters[0].members[0]", Expect.Where(File, text, "\"ctl-["),
            "too large");
    }

    [Fact]
    public void Parse_HostNamedTwice_DuplicateNamePointsAtTheFirst()
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
                          - {name: "cmp-[1-3]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}
                      - name: r2
                        hosts:
                          - {name: cmp-2, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        var first = Expect.Where(File, text, "\"cmp-[1-3]\"");
        Expect.One(loaded.Diagnostics, DiagnosticCodes.DuplicateName, "sites[0].zones[0].racks[1].hosts[0].name", Expect.Where(File, text, "cmp-2"),
            "host 'cmp-2' is defined twice", $"the first is at {first}");
        Assert.Equal(["cmp-1", "cmp-2", "cmp-3"], loaded.Value!.Hosts.Select(h => h.Id.Name));
    }

    [Fact]
    public void Parse_RackNamedTwiceAcrossZones_DuplicateName()
    {
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - {name: r1, hosts: [{name: h1, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}]}
                  - name: z2
                    racks:
                      - {name: r1, hosts: [{name: h2, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}]}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.DuplicateName, "sites[0].zones[1].racks[0].name", Expect.Where(File, text, "r1", 2),
            "rack 'r1' is defined twice");
    }

    [Fact]
    public void Parse_ManyErrors_AllReportedSortedByPosition()
    {
        // Found in a different order than they stand: capacity after everything else, the unknown key at the end of its map.
        var text = """
            name: t
            sites:
              - name: s1
                zones:
                  - name: z1
                    racks:
                      - name: r1
                        hosts:
                          - {name: h1, roles: [compute], capacity: {vcpu: 1, ramGiB: 4}, colour: red}
                          - {name: "h[2-1]", roles: [compute], capacity: {vcpu: 8, ramGiB: 32}}
                          - {name: h3, roles: [compute], capacity: {vcpu: 8, ramGiB: 32}, software: {host-os: "1.0"}}
            vnfs:
              - name: v
                flavor: {vcpu: 8, ramGiB: 4}
                redundancy: quorom
                instances:
                  - {name: v-1, host: h1}
                  - {name: v-2, host: h9}
            """;

        var loaded = TopologyLoader.Parse(File, text);

        var expected = new[]
        {
            (DiagnosticCodes.CapacityExceeded, Expect.Where(File, text, "h1")),
            (DiagnosticCodes.UnknownKey, Expect.Where(File, text, "colour")),
            (DiagnosticCodes.BadHostRange, Expect.Where(File, text, "\"h[2-1]\"")),
            (DiagnosticCodes.NotSemantic, Expect.Where(File, text, "\"1.0\"")),
            (DiagnosticCodes.BadValue, Expect.Where(File, text, "quorom")),
            (DiagnosticCodes.UnknownReference, Expect.Where(File, text, "h9")),
        };
        Assert.Equal(expected, loaded.Diagnostics.Select(d => (d.Code, d.Location!.Value)));
    }
}
