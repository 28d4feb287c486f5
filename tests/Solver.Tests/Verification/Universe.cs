namespace Escalator.Solver.Tests.Verification;

/// <summary>A parallel universe too small for its old hosts: three old computes each carry one 8 GiB VM of a pool
/// that needs one of three; the one spare has 16 GiB, room for two of them.</summary>
internal static class Universe
{
    public const string Topology = """
        name: small-universe
        sites:
          - name: s1
            zones:
              - name: z1
                racks:
                  - name: r1
                    hosts:
                      - {name: ctl-1, roles: [control], capacity: {vcpu: 8, ramGiB: 32}, software: {galera: 10.0.0}}
                      - {name: "old-[1-3]", roles: [compute], labels: {pool: old}, capacity: {vcpu: 8, ramGiB: 16}, software: {host-os: 12.0.0}}
                      - {name: new-1, roles: [compute], labels: {pool: spare}, capacity: {vcpu: 8, ramGiB: 16}}
        clusters:
          - {service: galera, members: [ctl-1], quorum: all}
        vnfs:
          - {name: web, flavor: {vcpu: 1, ramGiB: 8}, redundancy: {model: n+m, minActive: 1}, migration: live,
             instances: [{name: w-1, host: old-1}, {name: w-2, host: old-2}, {name: w-3, host: old-3}]}
        """;

    public const string Campaign = """
        name: small-universe
        targets: {host-os: 13.0.0}
        components:
          - {name: host-os, impact: {rebootHost: true, evacuate: true}}
        stages:
          - name: new-generation
            scope: {roles: [compute], labels: {pool: old}}
            components: [host-os]
            procedure: p
            strategy:
              parallelUniverse:
                spares: {labels: {pool: spare}}
                stateTransfer: {expected: 5m, timeout: 30m, onTimeout: abort}
                cutover: {expected: 1m, timeout: 10m, onTimeout: rollback}
                moves: {maxUnavailable: 1}
        procedures:
          p:
            - {action: evacuate, mode: live, expected: 30s, timeout: 10m, onTimeout: abort}
            - {action: upgrade, expected: 10m, timeout: 30m, onTimeout: abort}
        """;
}
