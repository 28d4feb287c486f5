using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

public static partial class PlanWorlds
{
    private sealed partial class Builder
    {
        private readonly List<Vnf> _vnfs = [];
        private readonly Dictionary<HostId, (int Vcpu, double Ram, double Disk)> _load = [];

        /// <summary>Up to eight VNFs, each in one site, placed within capacity (half of it in a gentle world) and
        /// anti-affinity; a gentle world keeps a spare fault domain for each VNF's evacuations.</summary>
        private void BuildVnfs()
        {
            foreach (var h in _hosts) _load[h.Id] = (0, 0, 0);
            var wanted = _r.Next(1, (_gentle ? 6 : MaxVnfs) + 1);
            for (var attempt = 0; attempt < 3 * wanted && _vnfs.Count < wanted; attempt++) TryAddVnf();
            if (_vnfs.Count == 0) AddSmallestVnf();
            if (Made(PlanMistake.NoRoom)) Squeeze();
        }

        private void TryAddVnf()
        {
            var number = _vnfs.Count + 1;
            var model = number == 1 && Made(PlanMistake.SmallBudget) ? RedundancyModel.None
                : number == 1 && Made(PlanMistake.NoSwitchover) ? RedundancyModel.ActiveStandby
                : (RedundancyModel)_r.Next(4);
            var site = _sites[_r.Next(_sites.Count)].Name;
            var hosts = Computes(site);
            var count = model switch
            {
                RedundancyModel.ActiveStandby => 2,
                RedundancyModel.None => Chance(20) ? 2 : 1,
                RedundancyModel.NPlusM => _r.Next(2, 5),
                _ => _r.Next(1, 6),
            };
            var minActive = model != RedundancyModel.NPlusM ? 0 : _gentle && Chance(70) ? _r.Next(1, count) : _r.Next(1, count + 1);
            var tolerated = new Redundancy(model, null, minActive).Tolerated(count);
            AntiAffinity[] scopes = [.. new[] { AntiAffinity.Host, AntiAffinity.Rack, AntiAffinity.Zone, AntiAffinity.None }
                .Where(s => s != AntiAffinity.None || !_gentle || tolerated == 0)
                .Where(s => s == AntiAffinity.None || Domains(hosts, s) >= count + (_gentle ? 1 : 0))];
            if (scopes.Length == 0) return;
            var scope = Pick(scopes);
            var flavor = new Flavor(Pick(1, 2, 4), Made(PlanMistake.NoRoom) ? Pick(2, 4, 8) : Pick(1, 2, 4, 8), Pick(0, 10, 20, 40));
            var bigger = Chance(10) ? flavor with { RamGiB = flavor.RamGiB * 2 } : flavor;
            var instances = new List<Instance>();
            for (var k = 1; k <= count; k++)
            {
                var f = k == count ? bigger : flavor;
                var taken = instances.Select(i => FaultDomain.Of(_hosts.First(h => h.Id == i.Host), scope)).ToHashSet(StringComparer.Ordinal);
                var room = hosts.Where(h => Fits(h, f) && (scope == AntiAffinity.None || !taken.Contains(FaultDomain.Of(h, scope)))).ToList();
                if (room.Count == 0)
                {
                    foreach (var i in instances) Load(i.Host, i.Flavor, -1);
                    return;
                }
                var host = room[_r.Next(room.Count)];
                Load(host.Id, f, +1);
                instances.Add(new Instance(new InstanceId($"v{number}-{k}"), host.Id, f));
            }
            var redundancy = new Redundancy(model, model == RedundancyModel.ActiveStandby ? instances[_r.Next(2)].Id : null, minActive);
            var name = new VnfId($"v{number}");
            _vnfs.Add(new Vnf(name, redundancy, scope, MigrationOf(tolerated, flavor),
                model == RedundancyModel.ActiveStandby ? Pick(0, 0.05, 1, 3) : Chance(10) ? 1 : 0,
                CoordinationOf(number, model), null, [.. instances]));
        }

        /// <summary>Gentle: at most three, and no more than any VNF tolerates, than the fault domains its site has beyond
        /// its instances, or than half the compute hosts of a site; one at a time in half the worlds. Otherwise 1–3.</summary>
        private int SafeWidth()
        {
            if (!_gentle) return _r.Next(1, 4);
            var width = 3;
            foreach (var v in _vnfs.Where(v => v.Tolerated >= 1))
            {
                width = Math.Min(width, v.Tolerated);
                if (v.AntiAffinity != AntiAffinity.None) width = Math.Min(width, Domains(Computes(SiteOf(v)), v.AntiAffinity) - v.Instances.Length);
            }
            foreach (var site in _sites) width = Math.Min(width, Computes(site.Name).Count / 2);
            return Chance(50) ? 1 : Math.Max(1, width);
        }

        /// <summary>When nothing else fitted: one small unprotected VM on the least loaded compute host, so that every world
        /// has a VNF.</summary>
        private void AddSmallestVnf()
        {
            var host = _hosts.Where(h => h.Roles.HasFlag(HostRoles.Compute)).MinBy(h => _load[h.Id].Ram)!;
            var flavor = new Flavor(1, 1);
            Load(host.Id, flavor, +1);
            _vnfs.Add(new Vnf(new VnfId("v1"), new Redundancy(RedundancyModel.None), AntiAffinity.None, new Migration(MigrationMode.Live), 0,
                Coordination.Uncoordinated, null, [new Instance(new InstanceId("v1-1"), host.Id, flavor)]));
        }

        private static int Domains(List<Host> hosts, AntiAffinity scope) => hosts.Select(h => FaultDomain.Of(h, scope)).Distinct().Count();

        private bool Fits(Host h, Flavor f)
        {
            var (vcpu, ram, disk) = _load[h.Id];
            var share = _gentle ? 0.5 : 1.0;
            var c = h.Capacity;
            return vcpu + f.Vcpu <= c.AllocatableVcpu * share && ram + f.RamGiB <= c.AllocatableRamGiB * share
                && disk + f.DiskGiB <= c.AllocatableDiskGiB * share;
        }

        private void Load(HostId host, Flavor f, int sign)
        {
            var (vcpu, ram, disk) = _load[host];
            _load[host] = (vcpu + sign * f.Vcpu, ram + sign * f.RamGiB, disk + sign * f.DiskGiB);
        }

        /// <summary>No room: every compute host's RAM is exactly what its VMs use (a host without VMs has 1 GiB).</summary>
        private void Squeeze()
        {
            for (var i = 0; i < _hosts.Count; i++)
            {
                var h = _hosts[i];
                if (!h.Roles.HasFlag(HostRoles.Compute)) continue;
                _hosts[i] = h with { Capacity = h.Capacity with { RamGiB = Math.Max(1, _load[h.Id].Ram), RamOvercommit = 1 } };
            }
        }

        private Migration MigrationOf(int tolerated, Flavor flavor)
        {
            var mode = _gentle && tolerated == 0 ? MigrationMode.Live
                : _gentle && _evacuates ? Pick(MigrationMode.Live, MigrationMode.Live, MigrationMode.Cold)
                : Pick(MigrationMode.Live, MigrationMode.Live, MigrationMode.Cold, MigrationMode.None);
            if (mode != MigrationMode.Live) return new Migration(mode);
            // A declared guest dirties at most a fifth of what the link sends, so pre-copy converges in a few rounds.
            var dirty = Math.Round(_simulation.MigrationGiBps * 1024 * Pick(0, 0.05, 0.1, 0.2));
            return _r.Next(10) switch
            {
                < 5 => new Migration(mode, flavor.RamGiB * Pick(0.5, 0.75, 1.0), dirty),
                < 7 => new Migration(mode, null, dirty),
                _ => new Migration(mode),
            };
        }

        private Coordination CoordinationOf(int number, RedundancyModel model)
        {
            var k = _r.Next(10);
            if (k >= 6) return Coordination.Uncoordinated;
            if (k == 5) return new Coordination(false, 0, 20, [], null, $"p{number}");
            var actions = Enum.GetValues<VnfmAction>().Where(a => Chance(50) || (a == VnfmAction.Switchover && model == RedundancyModel.ActiveStandby)).ToList();
            return new Coordination(true, Pick(0, 10, 30, 60), Pick(20, 30, 60), [.. actions.DefaultIfEmpty(VnfmAction.Migrate)],
                Chance(20) ? $"https://vnfm.example/v{number}" : null, Chance(80) ? Pick("epc", "ims", $"p{number}") : null);
        }

        /// <summary>The availability target. Gentle: above what the plan can spend — every compute host of the VNF's site
        /// visited once, each visit a live-migration pause (and a switchover for an active-standby pair) — mandatory for a
        /// VNF that tolerates no loss. A small-budget world gives its first VNF 100 or 200 ms.</summary>
        private AvailabilityTarget? Budget(Vnf v, Campaign campaign)
        {
            if (Made(PlanMistake.SmallBudget) && v.Id == _vnfs[0].Id) return new AvailabilityTarget(null, Pick(0.1, 0.2));
            if (!_gentle)
            {
                return _r.Next(100) switch
                {
                    < 30 => null,
                    < 65 => AvailabilityTarget.FromSal(_r.Next(1, 4)),
                    _ => new AvailabilityTarget(null, Pick(0.1, 0.5, 1, 5, 30)),
                };
            }
            if (v.Tolerated >= 1 && Chance(50)) return null;
            var site = SiteOf(v);
            var visits = _order.Where(s => !s.Control).Sum(s => Behind(s).Count(h => h.Site == site));
            var live = _simulation.LiveMigration;
            var pause = Math.Max(0.52, live.MaxDowntimeSeconds + live.ResumeSeconds);
            var switchover = v.Redundancy.Model != RedundancyModel.ActiveStandby || !_switchesOver ? 0
                : v.SwitchoverSeconds > 0 ? v.SwitchoverSeconds
                : campaign.Procedures.SelectMany(p => p.Steps).Where(s => s.Action == StepAction.Switchover).Select(s => s.ExpectedSeconds).DefaultIfEmpty(0).Max();
            var need = Math.Max(1, visits) * (pause + switchover) * 1.25 + 0.1;
            var sals = new[] { 1, 2, 3 }.Where(s => AvailabilityTarget.FromSal(s).MaxOutageSeconds >= need).ToList();
            if (sals.Count > 0 && Chance(50)) return AvailabilityTarget.FromSal(sals[_r.Next(sals.Count)]);
            var seconds = new double[] { 1, 2, 5, 10, 30, 60, 120, 300 }.FirstOrDefault(s => s >= need, Math.Ceiling(need));
            return new AvailabilityTarget(null, seconds);
        }
    }
}
