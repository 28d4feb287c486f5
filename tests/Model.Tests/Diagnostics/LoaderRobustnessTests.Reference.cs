namespace Escalator.Model.Tests.Diagnostics;

/// <summary>A small, valid topology and campaign that use most of what the files can say; the mutation property edits them.</summary>
public sealed partial class LoaderRobustnessTests
{
    private const string ReferenceTopology = """
        name: ref
        profiles:
          control:
            roles: [control, network]
            capacity: {vcpu: 32, ramGiB: 128, diskGiB: 1000}
            software: {host-os: 12.5.0, galera: 10.11.4, keystone: 22.0.0}
          compute:
            roles: [compute]
            labels: {pool: main}
            capacity: {vcpu: 48, ramGiB: 256, diskGiB: 2000, cpuOvercommit: 4.0}
            software: {host-os: 12.5.0, libvirt: 8.0.0}
        sites:
          - name: dc1
            zones:
              - name: az1
                racks:
                  - name: rack-a
                    hosts:
                      - {name: ctl-1, profile: control}
                      - {name: "cmp-[01-03]", profile: compute}
                  - name: rack-b
                    hosts:
                      - {name: ctl-2, profile: control}
                      - {name: "cmp-[04-06]", profile: compute}
                      - {name: "new-[1-2]", profile: compute, labels: {pool: spare}}
        clusters:
          - {service: galera, members: ["ctl-[1-2]"], quorum: majority}
          - {service: keystone, members: [ctl-1, ctl-2], quorum: any, serves: [dc1]}
        vnfs:
          - name: mme
            flavor: {vcpu: 8, ramGiB: 16, diskGiB: 40}
            redundancy: {model: active-standby, active: mme-1}
            antiAffinity: rack
            migration: {mode: live, usedMemoryGiB: 12, dirtyRateMiBps: 80}
            switchover: 3s
            maintenance: {coordinated: true, leadTime: 60s, replyTimeout: 20s, actions: [switchover, migrate], project: epc}
            availability: {sal: 1}
            instances:
              - {name: mme-1, host: cmp-01}
              - {name: mme-2, host: cmp-04}
          - name: cscf
            flavor: {vcpu: 4, ramGiB: 8}
            redundancy: {model: n+m, minActive: 2}
            antiAffinity: host
            availability: {maxOutage: 1s}
            instances: [{name: cscf-1, host: cmp-02}, {name: cscf-2, host: cmp-05}, {name: cscf-3, host: cmp-06}]
          - {name: fw, flavor: {vcpu: 2, ramGiB: 4}, redundancy: none, migration: cold, instances: [{name: fw-1, host: cmp-02}]}
        """;

    private const string ReferenceCampaign = """
        name: ref
        topology: topology.yaml
        targets: {host-os: 12.6.0, libvirt: 9.0.0, galera: 10.11.5}
        components:
          - {name: host-os, impact: {rebootHost: true, evacuate: true, lostFor: 5m, backup: [/etc], restore: 20m}}
          - name: libvirt
            dependsOn: [host-os]
            talksTo: [{component: host-os, peerMajorAhead: {min: -1, max: 1}}]
            impact: {evacuate: true}
          - {name: galera, impact: {backup: [databases]}}
        stages:
          - name: control
            scope: {roles: [control]}
            components: [galera]
            procedure: control-host
            strategy: {rolling: {maxUnavailable: 1}}
          - name: canaries
            after: [control]
            scope: {roles: [compute], labels: {pool: main}, racks: [rack-a]}
            components: [host-os, libvirt]
            procedure: compute-host
            strategy: {canary: {firstWave: 1, soak: 10m, healthChecks: [api], then: {maxUnavailable: 50%, perRack: 1}}}
          - name: rest
            after: [canaries]
            scope: {roles: [compute], labels: {pool: main}, zones: [az1], sites: [dc1], racks: [rack-b]}
            components: [host-os, libvirt]
            procedure: compute-host
            strategy:
              parallelUniverse:
                spares: {labels: {pool: spare}}
                stateTransfer: {expected: 5m, timeout: 30m, onTimeout: rollback}
                cutover: {expected: 1m, timeout: 5m}
                cutoverServices: [keystone]
                moves: {maxUnavailable: 2, perZone: 2}
        procedures:
          control-host:
            - {action: backup, expected: 1m, timeout: 10m}
            - {action: upgrade, expected: 5m, timeout: 15m, onTimeout: rollback}
            - {action: verify, checks: [api], expected: 30s, timeout: 5m}
          compute-host:
            - {action: enter-maintenance, expected: 5s, timeout: 1m, onTimeout: retry}
            - {action: notify, event: PREPARE_MAINTENANCE, waitReply: true, expected: 5s, timeout: 20s, onTimeout: skip}
            - {action: switchover, expected: 3s, timeout: 30s}
            - {action: evacuate, mode: live, fallback: cold, expected: 30s, timeout: 15m, onTimeout: fall-back}
            - {action: upgrade, expected: 12m, timeout: 25m, onTimeout: rollback}
            - {action: leave-maintenance, expected: 5s, timeout: 1m}
        recovery: {retries: 2, rollback: restore, maxFailures: 1}
        checks:
          api: {url: "http://127.0.0.1:5000/v3", expectStatus: 200, timeout: 10s}
        """;
}
