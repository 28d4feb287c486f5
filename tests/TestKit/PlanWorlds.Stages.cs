using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

public static partial class PlanWorlds
{
    private sealed partial class Builder
    {
        /// <summary>The stages in the order they run.</summary>
        private readonly List<StageSpec> _order = [];

        /// <summary>How many compute hosts a wave may take: in a gentle world no more than any VNF tolerates, than its
        /// spare fault domains, or than half the computes of a site (so that the others can take their VMs).</summary>
        private int _width = 1;

        private Campaign BuildCampaign()
        {
            var checks = Checks();
            // One world in eight whose durations are fixed probes a timeout that equals its step's expected time.
            _boundary = FixedDurations && Chance(12);
            var procedures = new List<Procedure>();
            if (_order.Any(s => !s.Control)) procedures.Add(ComputeProcedure(checks));
            if (_order.Any(s => s.Control)) procedures.Add(ControlProcedure(checks));
            var stages = Stages(checks);
            var targets = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _targets);
            return new Campaign($"upgrade-{seed}", null, null, targets, Catalogue(), stages, [.. procedures], Recovery(), [.. checks])
            {
                Simulation = _simulation,
            };
        }

        /// <summary>The stages with their <c>after</c> lists: each after the one before (sometimes the two before), or none
        /// (file order alone), or written in reverse with the chain putting them right.</summary>
        private ImmutableArray<Stage> Stages(List<HealthCheck> checks)
        {
            var style = _r.Next(5);
            var stages = new List<Stage>();
            for (var i = 0; i < _order.Count; i++)
            {
                var spec = _order[i];
                ImmutableArray<string> after = style == 3 || i == 0 ? []
                    : i >= 2 && Chance(30) ? [_order[i - 2].Name, _order[i - 1].Name]
                    : [_order[i - 1].Name];
                var components = _order.Count == 1 && Chance(30) ? [] : spec.Components;
                stages.Add(new Stage(spec.Name, spec.Scope, components, after, Strategy(spec, checks), spec.Control ? "control" : "compute"));
            }
            if (style == 4) stages.Reverse();
            return [.. stages];
        }

        private Strategy Strategy(StageSpec spec, List<HealthCheck> checks)
        {
            var hosts = Behind(spec).Count;
            if (spec.Control) return new RollingStrategy(ControlLimits(hosts));
            return _kind switch
            {
                ComputeKind.Canary => Canary(hosts, checks),
                ComputeKind.Universe => Universe(hosts),
                _ => new RollingStrategy(ComputeLimits(hosts)),
            };
        }

        /// <summary>One member at a time (a count, or a percentage that comes to one); two or all in a wide-control world.</summary>
        private FaultDomainLimits ControlLimits(int hosts)
        {
            if (Made(PlanMistake.WideControl)) return new FaultDomainLimits(Pick(new Limit(2, false), new Limit(100, true), new Limit(67, true)));
            var max = _gentle || Chance(70) ? Chance(80) ? new Limit(1, false) : new Limit(100 / Math.Max(2, hosts), true) : new Limit(2, false);
            return new FaultDomainLimits(max, Chance(20) ? 1 : null);
        }

        /// <summary>Gentle: waves of <see cref="_width"/> hosts, with harmless per-domain limits. Wide waves: half or all of
        /// the hosts, often one per rack (which takes an instance from each rack a VNF spans). Otherwise drawn freely.</summary>
        private FaultDomainLimits ComputeLimits(int hosts)
        {
            if (Made(PlanMistake.WideWaves))
            {
                return new FaultDomainLimits(Pick(new Limit(hosts / 2 + 1, false), new Limit(50, true), new Limit(100, true)), Chance(60) ? 1 : null);
            }
            int? perRack = Chance(30) ? Pick(1, 2) : null;
            int? perZone = Chance(15) ? 1 : null;
            int? perSite = _sites.Count > 1 && Chance(30) ? 1 : null;
            var max = !_gentle ? (Chance(25) ? new Limit(_r.Next(20, 101), true) : new Limit(_r.Next(1, 4), false))
                : Chance(70) || hosts == 0 ? new Limit(_width, false)
                : new Limit(Math.Min(100, (100 * _width + hosts - 1) / hosts), true);
            return new FaultDomainLimits(max, perRack, perZone, perSite);
        }

        private CanaryStrategy Canary(int hosts, List<HealthCheck> checks)
        {
            var first = _gentle ? _width : Made(PlanMistake.WideWaves) ? hosts / 2 + 1 : _r.Next(1, hosts + 1);
            var gate = Chance(80) ? checks.Where(_ => Chance(60)).Select(c => c.Name).DefaultIfEmpty(checks[0].Name).ToImmutableArray() : [];
            return new CanaryStrategy(Math.Clamp(first, 1, Math.Max(1, hosts)), Pick(300, 900, 1800, 3600), gate, ComputeLimits(hosts));
        }

        /// <summary>Spares by label, a state transfer timed above what the simulation's state and link make of it, a cut-over
        /// of some control services (never keystone in a gentle world: the identity service must keep answering).</summary>
        private ParallelUniverseStrategy Universe(int hosts)
        {
            var expected = Pick(300.0, 600, 1200);
            var computed = _simulation.StateGiB is { } gib ? gib * hosts / _simulation.TransferGiBps : 0;
            var transfer = new TimedStep(expected, Timeout(expected, 3 * computed),
                Pick(ExpiryPolicy.Abort, ExpiryPolicy.Retry, ExpiryPolicy.Rollback, ExpiryPolicy.Skip));
            var cut = Pick(30.0, 60, 120);
            var cutover = new TimedStep(cut, Timeout(cut), Pick(ExpiryPolicy.Rollback, ExpiryPolicy.Abort, ExpiryPolicy.Retry));
            var candidates = _clusters.Where(c => !_gentle || c.Component != "keystone").Select(c => c.Service).ToList();
            var services = candidates.Where(_ => Chance(40)).Take(2).ToList();
            if (services.Count == 0 && candidates.Count > 0 && Chance(75)) services.Add(candidates[_r.Next(candidates.Count)]);
            var moves = Chance(20) ? FaultDomainLimits.One : ComputeLimits(hosts);
            return new ParallelUniverseStrategy(Selector.All with { Labels = Pool("spare") }, transfer, cutover, [.. services], moves);
        }
    }
}
