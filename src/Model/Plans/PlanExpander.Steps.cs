using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Semantics;
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
    private List<PlanStep> HostSteps(int wave, Host host, IReadOnlyList<string> components, Procedure procedure, Visit visit)
    {
        var steps = new List<PlanStep>();
        var target = host.Id.Name;
        var onHost = _placement.On(host.Id).ToList();
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
                    if (Notice(onHost, p, Make) is { } notice) steps.Add(notice);
                    break;
                case StepAction.Switchover:
                    steps.AddRange(Switchovers(host, p, Make));
                    break;
                case StepAction.Evacuate:
                    steps.AddRange(Evacuations(wave, host, p, Make));
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
                        [.. _placement.On(host.Id).Select(i => new Unavailability(i, _index.VnfOf(i).Id, UnavailableReason.HostDown, double.PositiveInfinity))]));
                    break;
                case StepAction.Verify when visit == Visit.Upgrade:
                    steps.Add(Make(p.Action, $"run the checks {string.Join(", ", p.Checks)}", p.ExpectedSeconds) with { Checks = p.Checks });
                    break;
            }
        }
        return steps;
    }

    private delegate PlanStep StepMaker(StepAction action, string detail, double expected, ImmutableArray<Unavailability> unavailable = default,
        ImmutableArray<ServiceOutage> services = default, ImmutableArray<Move> moves = default);

    /// <summary>A Fenix notice to the VNF managers of the coordinated VNFs on the host, or none when no VNF there is
    /// coordinated. A notice that waits for replies lasts at least the longest lead time its VNF managers are owed.</summary>
    private PlanStep? Notice(List<InstanceId> onHost, ProcedureStep p, StepMaker make)
    {
        var notified = onHost.Where(i => _index.VnfOf(i).Coordination.Coordinated).ToImmutableArray();
        var told = notified.Select(_index.VnfOf).Distinct().ToList();
        if (told.Count == 0) return null;
        var wait = p.WaitReply ? $" and wait for the reply (at most {Durations.Format(p.TimeoutSeconds)})" : "";
        var lead = p.WaitReply ? told.Max(v => v.Coordination.LeadTimeSeconds) : 0;
        return make(p.Action, $"send {Fenix(p.Event)} to the VNFM of {string.Join(", ", told.Select(v => v.Id.Name))}{wait}", p.ExpectedSeconds)
            with { Event = p.Event, WaitReply = p.WaitReply, LeadSeconds = lead, Notified = notified };
    }

    private IEnumerable<PlanStep> Switchovers(Host host, ProcedureStep p, StepMaker make)
    {
        foreach (var id in _placement.On(host.Id).ToList())
        {
            var vnf = _index.VnfOf(id);
            if (!vnf.IsPair || ActiveOf(vnf) != id) continue;
            var standby = vnf.Instances.First(i => i.Id != id).Id;
            // Its standby's host is out in this wave too: nowhere to hand over to (the solver reports what that costs).
            if (_view.InWave.Contains(_placement.HostOf(standby))) continue;
            _active[vnf.Id] = standby;
            var gap = Outage.SwitchoverSeconds(vnf, p.ExpectedSeconds);
            yield return make(StepAction.Switchover, $"switch {vnf.Id} over from {id} to {standby}", gap,
                [new Unavailability(id, vnf.Id, UnavailableReason.Switchover, gap)]);
        }
    }

    private InstanceId? ActiveOf(Vnf vnf) => _active.TryGetValue(vnf.Id, out var a) ? a : vnf.Redundancy.Active;

    private IEnumerable<PlanStep> Evacuations(int wave, Host host, ProcedureStep p, StepMaker make)
    {
        foreach (var id in _placement.On(host.Id).ToList())
        {
            var vnf = _index.VnfOf(id);
            var chain = MoveRule.Chain(p, vnf.Migration.Mode);
            if (chain.IsEmpty)
            {
                _notes.Add(new PlanNote("ESC-N01", wave,
                    $"{id} ({vnf.Id}) cannot leave {host.Id}: it allows migration {Words(vnf.Migration.Mode)}, the procedure moves {Words(p.Mode ?? MigrationMode.Live)}"
                    + (p.Fallback is { } f ? $" or {Words(f)}" : "")));
                continue;
            }
            // Under move-once a VM goes only where it can stay; when nowhere can take it so, it still leaves (rather than
            // go down with its host), and the solver names the rule it breaks.
            var to = Destination(id, host);
            if (to is null)
            {
                var flavor = _index.Instance(id).Flavor;
                _notes.Add(new PlanNote("ESC-N02", wave,
                    $"no compute host of site {host.Site} in service while wave {wave} is out has room for {id} ({vnf.Id}: {flavor.Vcpu} vCPU, {flavor.RamGiB} GiB RAM, {flavor.DiskGiB} GiB disk){(vnf.AntiAffinity == AntiAffinity.None ? "" : $" away from its other instances ({Words(vnf.AntiAffinity)} anti-affinity)")}; it stays on {host.Id}"));
            }
            else
            {
                _placement.Move(id, to.Value);
                _ranked.Update(host.Id);
                _ranked.Update(to.Value);
            }
            var evacuation = _durations.Evacuate(vnf, _index.Instance(id).Flavor, chain, p.ExpectedSeconds, p.TimeoutSeconds);
            if (evacuation.FellBack)
            {
                _notes.Add(new PlanNote("ESC-N03", wave,
                    $"{id} ({vnf.Id}) dirties memory too fast for its live migration to converge ({vnf.Migration.DirtyRateMiBps:0.#} MiB/s over a {_durations.Settings.MigrationGiBps:0.##} GiB/s link): Nova aborts it and it falls back to {Words(evacuation.Mode)}"));
            }
            var reason = evacuation.Mode == MigrationMode.Live ? UnavailableReason.LiveMigration : UnavailableReason.ColdMigration;
            // A VM with nowhere to go still has its step, with no destination: the engines ask the scheduler again when it
            // leaves, and say so when it cannot; meanwhile it stays, and goes down with its host.
            var whither = to is { } planned ? $"to {planned}" : "where the scheduler finds room (none now)";
            yield return make(StepAction.Evacuate, $"{Words(chain[0])}-migrate {id} ({vnf.Id}) {whither}", evacuation.Seconds,
                to is null ? [] : [new Unavailability(id, vnf.Id, reason, evacuation.Move.PauseSeconds)],
                moves: [new Move(id, vnf.Id, host.Id, to, chain[0]) { Fallback = chain.Length > 1 ? chain[1] : null }]);
        }
    }

    /// <summary>Where the scheduler sends a VM leaving <paramref name="host"/>; under move-once only where it can stay, unless
    /// nowhere can take it so.</summary>
    private HostId? Destination(InstanceId id, Host host)
    {
        var moveOnce = _campaign.MoveOnce;
        if (_fixedWave.Count == 0)
        {
            var ranked = _ranked.In(host.Site);
            return _scheduler.First(_view, id, moveOnce, ranked) ?? (moveOnce ? _scheduler.First(_view, id, moveOnce: false, ranked) : null);
        }
        Func<HostId, int> penalty = h => MeetsSibling(id, h);
        return _scheduler.Choose(_view, id, moveOnce, penalty, moveOnce ? Settled(host.Site) : null)
            ?? (moveOnce ? _scheduler.Choose(_view, id, moveOnce: false, penalty) : null);
    }

    /// <summary>With given waves: 1 when a pending host's wave is also the wave of a pending host that holds one of the
    /// instance's siblings, so landing there would take two instances of the VNF out together later; else 0.</summary>
    private int MeetsSibling(InstanceId id, HostId host)
    {
        if (!_fixedWave.TryGetValue(host, out var wave)) return 0;
        foreach (var sibling in _index.VnfOf(id).Instances)
        {
            var at = _placement.HostOf(sibling.Id);
            if (sibling.Id != id && _pending.Contains(at) && _fixedWave.GetValueOrDefault(at) == wave) return 1;
        }
        return 0;
    }

    private PlanStep Upgrade(Host host, IReadOnlyList<string> components, bool affectsVms, bool reboot, ProcedureStep p, StepMaker make)
    {
        var versions = components.Select(c => new VersionChange(c, host.Software[c], _campaign.Targets[c])).ToImmutableArray();
        var left = affectsVms
            ? _placement.On(host.Id).Select(i => new Unavailability(i, _index.VnfOf(i).Id, UnavailableReason.HostDown, p.ExpectedSeconds)).ToImmutableArray()
            : [];
        var services = _index.ClustersOn(host.Id)
            .Where(c => reboot || components.Contains(c.Component))
            .Select(c => new ServiceOutage(c.Service, host.Id)).ToImmutableArray();
        var detail = $"upgrade {string.Join(", ", versions.Select(v => $"{v.Component} {v.From} → {v.To}"))}{(reboot ? "; reboot" : "")}";
        return make(StepAction.Upgrade, detail, p.ExpectedSeconds, left, services) with { Versions = versions };
    }

    private static string Words<T>(T value) where T : struct, Enum => PlanJson.Kebab(value);

    private static string Fenix(FenixEvent? e) =>
        CampaignLoader.EventNames.FirstOrDefault(n => n.Value == e).Key ?? "a maintenance notice";
}
