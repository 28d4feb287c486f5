using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.Model.Plans;

public sealed partial class PlanExpander
{
    private readonly Dictionary<VnfId, InstanceId> _active = [];

    /// <summary>What a host's visit does: upgrade it in place, or empty it and retire it (parallel universe).</summary>
    private enum Visit
    {
        Upgrade,
        Retire,
    }

    /// <summary>The procedure's steps made concrete for one host, moving VMs in <see cref="_placement"/> as it goes.</summary>
    private List<PlanStep> HostSteps(int wave, Host host, IReadOnlyList<string> components, Procedure procedure,
        HashSet<HostId> inWave, Visit visit, IReadOnlySet<HostId>? destinations = null)
    {
        var steps = new List<PlanStep>();
        var target = host.Id.Name;
        var affected = _placement.On(host.Id).Select(_index.VnfOf).Distinct().ToList();
        var impacts = components.Select(c => _campaign.Component(c)?.Impact ?? Software.UpgradeImpact.Light).ToList();
        var reboot = impacts.Any(i => i.RebootHost);
        foreach (var p in procedure.Steps)
        {
            PlanStep Make(StepAction action, string detail, double expected, ImmutableArray<Unavailability> unavailable = default,
                ImmutableArray<ServiceOutage> services = default, ImmutableArray<Move> moves = default) =>
                new(target, action, detail, expected, p.TimeoutSeconds, p.OnTimeout,
                    unavailable.IsDefault ? [] : unavailable, services.IsDefault ? [] : services, moves.IsDefault ? [] : moves);

            switch (p.Action)
            {
                case StepAction.EnterMaintenance:
                    steps.Add(Make(p.Action, host.Roles.HasFlag(HostRoles.Compute)
                        ? $"disable the compute service on {target} so that nothing new is scheduled there"
                        : $"put {target} in maintenance", p.ExpectedSeconds));
                    break;
                case StepAction.LeaveMaintenance when visit == Visit.Upgrade:
                    steps.Add(Make(p.Action, host.Roles.HasFlag(HostRoles.Compute)
                        ? $"enable the compute service on {target} again" : $"take {target} out of maintenance", p.ExpectedSeconds));
                    break;
                case StepAction.Notify:
                    var told = affected.Where(v => v.Coordination.Coordinated).Select(v => v.Id.Name).ToList();
                    if (told.Count > 0)
                    {
                        var wait = p.WaitReply ? $" and wait for the reply (at most {Durations.Format(p.TimeoutSeconds)})" : "";
                        steps.Add(Make(p.Action, $"send {Fenix(p.Event)} to the VNFM of {string.Join(", ", told)}{wait}", p.ExpectedSeconds));
                    }
                    break;
                case StepAction.Switchover:
                    steps.AddRange(Switchovers(host, p, Make));
                    break;
                case StepAction.Evacuate:
                    steps.AddRange(Evacuations(wave, host, p, inWave, destinations, Make));
                    break;
                case StepAction.Backup when visit == Visit.Upgrade:
                    var items = impacts.SelectMany(i => i.Backup).Distinct().ToList();
                    steps.Add(Make(p.Action, items.Count == 0 ? $"back up the configuration of {target}" : $"back up {string.Join(", ", items)}", p.ExpectedSeconds));
                    break;
                case StepAction.Upgrade when visit == Visit.Upgrade:
                    steps.Add(Upgrade(host, components, impacts.Any(i => i.AffectsVms), reboot, p, Make));
                    break;
                case StepAction.Upgrade:
                    // A VM that could not leave goes down with the host it is on, for good.
                    steps.Add(Make(StepAction.Retire, $"retire {target}: the new universe carries its work", p.ExpectedSeconds,
                        [.. _placement.On(host.Id).Select(i => new Unavailability(i, _index.VnfOf(i).Id, UnavailableReason.HostDown))]));
                    break;
                case StepAction.Verify when visit == Visit.Upgrade:
                    steps.Add(Make(p.Action, $"run the checks {string.Join(", ", p.Checks)}", p.ExpectedSeconds));
                    break;
            }
        }
        return steps;
    }

    private delegate PlanStep StepMaker(StepAction action, string detail, double expected, ImmutableArray<Unavailability> unavailable = default,
        ImmutableArray<ServiceOutage> services = default, ImmutableArray<Move> moves = default);

    private IEnumerable<PlanStep> Switchovers(Host host, ProcedureStep p, StepMaker make)
    {
        foreach (var id in _placement.On(host.Id).ToList())
        {
            var vnf = _index.VnfOf(id);
            if (vnf.Redundancy.Model != RedundancyModel.ActiveStandby || ActiveOf(vnf) != id) continue;
            var standby = vnf.Instances.First(i => i.Id != id).Id;
            _active[vnf.Id] = standby;
            yield return make(StepAction.Switchover, $"switch {vnf.Id} over from {id} to {standby}",
                vnf.SwitchoverSeconds > 0 ? vnf.SwitchoverSeconds : p.ExpectedSeconds,
                [new Unavailability(id, vnf.Id, UnavailableReason.Switchover)]);
        }
    }

    private InstanceId? ActiveOf(Vnf vnf) => _active.TryGetValue(vnf.Id, out var a) ? a : vnf.Redundancy.Active;

    private IEnumerable<PlanStep> Evacuations(int wave, Host host, ProcedureStep p, HashSet<HostId> inWave,
        IReadOnlySet<HostId>? destinations, StepMaker make)
    {
        foreach (var id in _placement.On(host.Id).ToList())
        {
            var vnf = _index.VnfOf(id);
            var mode = p.MoveModeFor(vnf.Migration.Mode);
            if (mode is null)
            {
                _notes.Add(new PlanNote("ESC-N01", wave,
                    $"{id} ({vnf.Id}) cannot leave {host.Id}: it allows migration {vnf.Migration.Mode.ToString().ToLowerInvariant()}, the procedure moves {p.Mode.ToString()!.ToLowerInvariant()}"
                    + (p.Fallback is { } f ? $" or {f.ToString().ToLowerInvariant()}" : "")));
                continue;
            }
            var to = Destination(id, host.Id, inWave, destinations, p.MoveOnce);
            if (to is null)
            {
                var flavor = _index.Instance(id).Flavor;
                _notes.Add(new PlanNote("ESC-N02", wave,
                    $"no compute host of site {host.Site} in service while wave {wave} is out has room for {id} ({vnf.Id}: {flavor.Vcpu} vCPU, {flavor.RamGiB} GiB RAM, {flavor.DiskGiB} GiB disk){(vnf.AntiAffinity == AntiAffinity.None ? "" : $" away from its other instances ({vnf.AntiAffinity.ToString().ToLowerInvariant()} anti-affinity)")}; it stays on {host.Id}"));
                continue;
            }
            _placement.Move(id, to.Value);
            var reason = mode == MigrationMode.Live ? UnavailableReason.LiveMigration : UnavailableReason.ColdMigration;
            yield return make(StepAction.Evacuate, $"{mode.Value.ToString().ToLowerInvariant()}-migrate {id} ({vnf.Id}) to {to}", p.ExpectedSeconds,
                [new Unavailability(id, vnf.Id, reason)], moves: [new Move(id, vnf.Id, host.Id, to, mode.Value)]);
        }
    }

    /// <summary>The documented destination rule: same site, in service, fits, upgraded or outside the campaign first (only
    /// those when <paramref name="moveOnce"/>), most free RAM, then name.</summary>
    private HostId? Destination(InstanceId id, HostId from, HashSet<HostId> inWave, IReadOnlySet<HostId>? allowed, bool moveOnce)
    {
        HostId? best = null;
        (int Tier, double Free) bestKey = (int.MaxValue, 0);
        var site = _index.Host(from).Site;
        var scope = _index.VnfOf(id).AntiAffinity;
        var blocked = _placement.BlockedDomains(id);
        // Each site runs its own Nova: a VM never migrates to another site.
        foreach (var host in _computesBySite.GetValueOrDefault(site) ?? [])
        {
            var h = host.Id;
            // Cheap bounds first: a host that cannot beat the best so far on tier or free RAM is not examined further.
            var pending = _pending.Contains(h);
            var free = _placement.FreeRam(h);
            var floor = pending ? 1 : 0;
            if (best is not null && (floor > bestKey.Tier || (floor == bestKey.Tier && free < bestKey.Free - 1e-9))) continue;
            if (h == from || inWave.Contains(h) || _retired.Contains(h) || (allowed is null ? _unbuiltSpares.Contains(h) : !allowed.Contains(h)))
            {
                continue;
            }
            if (moveOnce && pending) continue;
            if (!_placement.HasRoom(id, h) || (blocked.Count > 0 && blocked.Contains(FaultDomain.Of(host, scope)))) continue;
            var key = (Tier: !pending ? 0 : MeetsSibling(id, h) ? 2 : 1, Free: free);
            if (best is null || key.Tier < bestKey.Tier || (key.Tier == bestKey.Tier && key.Free > bestKey.Free + 1e-9)
                || (key.Tier == bestKey.Tier && Math.Abs(key.Free - bestKey.Free) <= 1e-9 && NaturalOrder.Compare(h.Name, best.Value.Name) < 0))
            {
                (best, bestKey) = (h, key);
            }
        }
        return best;
    }

    /// <summary>With given waves: whether a pending host's wave is also the wave of a pending host that holds one of the
    /// instance's siblings, so landing there would take two instances of the VNF out together later.</summary>
    private bool MeetsSibling(InstanceId id, HostId host)
    {
        if (!_fixedWave.TryGetValue(host, out var wave)) return false;
        foreach (var sibling in _index.VnfOf(id).Instances)
        {
            var at = _placement.HostOf(sibling.Id);
            if (sibling.Id != id && _pending.Contains(at) && _fixedWave.GetValueOrDefault(at) == wave) return true;
        }
        return false;
    }

    private PlanStep Upgrade(Host host, IReadOnlyList<string> components, bool affectsVms, bool reboot, ProcedureStep p, StepMaker make)
    {
        var versions = components.Select(c => $"{c} {host.Software[c]} → {_campaign.Targets[c]}");
        var left = affectsVms
            ? _placement.On(host.Id).Select(i => new Unavailability(i, _index.VnfOf(i).Id, UnavailableReason.HostDown)).ToImmutableArray()
            : [];
        var services = _index.ClustersOn(host.Id)
            .Where(c => reboot || components.Contains(c.Component))
            .Select(c => new ServiceOutage(c.Service, host.Id)).ToImmutableArray();
        var detail = $"upgrade {string.Join(", ", versions)}{(reboot ? "; reboot" : "")}";
        return make(StepAction.Upgrade, detail, p.ExpectedSeconds, left, services);
    }

    private static string Fenix(FenixEvent? e) =>
        CampaignLoader.EventNames.FirstOrDefault(n => n.Value == e).Key ?? "a maintenance notice";
}
