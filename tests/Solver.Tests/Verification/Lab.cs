using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Invariants;
using Escalator.Solver.Verification;

namespace Escalator.Solver.Tests.Verification;

/// <summary>A small laboratory written inline: one site, three racks, a control host per rack and five computes
/// (<c>r1</c>: ctl-1, cmp-1; <c>r2</c>: ctl-2, cmp-2, cmp-3; <c>r3</c>: ctl-3, cmp-4, cmp-5), with the VNFs a test
/// gives, and campaigns over it. Inputs that do not load cleanly fail the test with their diagnostics.</summary>
internal static class Lab
{
    public const string Upgrade = "{action: upgrade, expected: 10m, timeout: 30m, onTimeout: rollback}";
    public const string Switchover = "{action: switchover, expected: 3s, timeout: 30s, onTimeout: abort}";
    public const string EvacuateLive = "{action: evacuate, mode: live, expected: 30s, timeout: 10m, onTimeout: abort}";
    public const string EvacuateOnce = "{action: evacuate, mode: live, expected: 30s, timeout: 10m, onTimeout: abort}";

    /// <summary>The catalogue every lab campaign starts from: only host-os touches VMs (reboot and evacuation).</summary>
    public const string Catalogue = """
          - {name: host-os, impact: {rebootHost: true, evacuate: true}}
          - {name: galera}
          - {name: keystone}
          - {name: nova-conductor}
          - {name: nova-compute}
        """;

    private const string Hosts = """
        name: lab
        profiles:
          control: {roles: [control], capacity: {vcpu: 8, ramGiB: 32}, software: {galera: 10.0.0, keystone: 22.0.0, nova-conductor: 26.0.0}}
          compute: {roles: [compute], capacity: {vcpu: 4, ramGiB: 16, diskGiB: 100}, software: {host-os: 12.0.0, nova-compute: 26.0.0}}
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - {name: r1, hosts: [{name: ctl-1, profile: control}, {name: cmp-1, profile: compute}]}
                  - {name: r2, hosts: [{name: ctl-2, profile: control}, {name: "cmp-[2-3]", profile: compute}]}
                  - {name: r3, hosts: [{name: ctl-3, profile: control}, {name: "cmp-[4-5]", profile: compute}]}
        clusters:
          - {service: galera, members: ["ctl-[1-3]"], quorum: majority}
          - {service: keystone, members: ["ctl-[1-3]"], quorum: any}

        """;

    /// <summary>The lab with <paramref name="vnfs"/> (YAML list items under <c>vnfs:</c>, or empty for none).</summary>
    public static DataCentre Topology(string vnfs = "") =>
        LoadTopology(Hosts + (vnfs.Length == 0 ? "vnfs: []\n" : "vnfs:\n" + vnfs));

    public static DataCentre LoadTopology(string text)
    {
        var loaded = TopologyLoader.Parse("topology.yaml", text);
        Assert.True(loaded.Ok, Describe(loaded.Diagnostics));
        return loaded.Value!;
    }

    /// <summary>A campaign of one stage <c>computes</c> upgrading host-os 12 → 13 on every compute, moving VMs as often
    /// as the plan says (<c>moveOnce: false</c>, so that a test judges the invariant it is about).</summary>
    public static Campaign Computes(DataCentre dc, string limits, params string[] steps) =>
        ComputesIn(dc, "{roles: [compute]}", limits, steps);

    /// <summary><see cref="Computes"/> under the campaign default: each VM moves once.</summary>
    public static Campaign ComputesMovingOnce(DataCentre dc, string limits, params string[] steps) =>
        Computes(dc, limits, steps) with { MoveOnce = true };

    /// <summary>A campaign of one stage <c>computes</c> upgrading host-os 12 → 13 on the computes in <paramref name="scope"/>.</summary>
    public static Campaign ComputesIn(DataCentre dc, string scope, string limits, params string[] steps) => Campaign(dc, "host-os: 13.0.0", $"""
          - name: computes
            scope: {scope}
            components: [host-os]
            procedure: p
            strategy: {"{"}rolling: {limits}{"}"}
        """, steps);

    /// <summary>A campaign with the given targets, stages (YAML list items) and one procedure <c>p</c> of <paramref name="steps"/>.</summary>
    public static Campaign Campaign(DataCentre dc, string targets, string stages, string[] steps, string catalogue = Catalogue) =>
        LoadCampaign(dc, $"""
            name: lab-campaign
            targets: {"{"}{targets}{"}"}
            components:
            {catalogue}
            stages:
            {stages}
            procedures:
              p:
            {string.Concat(steps.Select(s => $"    - {s}\n"))}
            moveOnce: false
            """);

    public static Campaign LoadCampaign(DataCentre dc, string text)
    {
        var loaded = CampaignLoader.Parse("campaign.yaml", text);
        Assert.True(loaded.Ok, Describe(loaded.Diagnostics) + "\n" + text);
        var validation = CampaignValidator.Validate(loaded.Value!, loaded.Sources, dc);
        Assert.False(validation.Any(d => d.Severity == Severity.Error), Describe(validation));
        return loaded.Value!;
    }

    /// <summary>The plan with the given waves (host names) for the campaign's stage <paramref name="stage"/>.</summary>
    public static Plan Waves(Campaign campaign, DataCentre dc, string stage, params string[][] waves) =>
        PlanExpander.Expand(campaign, dc, new Dictionary<string, IReadOnlyList<IReadOnlyList<HostId>>>
        {
            [stage] = [.. waves.Select(w => (IReadOnlyList<HostId>)[.. w.Select(h => new HostId(h))])],
        });

    public static VerificationResult Verify(DataCentre dc, Campaign campaign, Plan plan) =>
        PlanVerifier.Verify(dc, campaign, plan, new VerifyOptions(TimeSpan.FromSeconds(30)));

    /// <summary>Asserts the verdict is Unsafe with violations of <paramref name="code"/> only, and returns them.</summary>
    public static ImmutableArray<Violation> AssertOnly(VerificationResult result, string code)
    {
        var unsafeVerdict = Assert.IsType<Verdict.Unsafe>(result.Verdict);
        Assert.All(unsafeVerdict.Violations, v => Assert.True(v.Code == code, $"expected only {code}, got {v}"));
        return unsafeVerdict.Violations;
    }

    /// <summary>The number of the wave that takes <paramref name="host"/> out.</summary>
    public static int WaveOf(Plan plan, string host) => plan.Waves.Single(w => w.Hosts.Contains(new HostId(host))).Number;

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics);
}
