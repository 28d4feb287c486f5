using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Plans;

/// <summary>Laws of plan expansion over generated topologies and campaigns (see <see cref="Scenarios"/>).</summary>
public sealed class PlanExpanderProperties
{
    private const int Cases = 200;

    [Fact]
    public void Expand_GeneratedValidInputs_ValidatesCleanlyAndNeverThrows()
    {
        Properties.Check(Scenarios.Valid, Cases, s =>
        {
            var diagnostics = CampaignValidator.Validate(s.Campaign, SourceMap.Empty, s.Topology);

            var plan = PlanExpander.Expand(s.Campaign, s.Topology);

            Assert.DoesNotContain(diagnostics, d => d.Severity == Severity.Error);
            Assert.Equal(Enumerable.Range(1, plan.Waves.Length), plan.Waves.Select(w => w.Number));
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void Expand_GeneratedCases_EverySelectedHostExactlyOnceInItsStage()
    {
        Properties.Check(Scenarios.Valid, Cases, s =>
        {
            var plan = PlanExpander.Expand(s.Campaign, s.Topology);

            foreach (var stage in s.Campaign.Stages)
            {
                var selected = StageSelection.Of(s.Campaign, stage, s.Topology).Hosts.Select(h => h.Id.Name).Order(StringComparer.Ordinal);
                var planned = plan.Waves.Where(w => w.Stage == stage.Name && w.Kind is not WaveKind.Build)
                    .SelectMany(w => w.Hosts).Select(h => h.Name).Order(StringComparer.Ordinal);
                Assert.Equal(selected, planned);
                Assert.Equal(selected, plan.Stages.Single(p => p.Name == stage.Name).Hosts.Select(h => h.Name).Order(StringComparer.Ordinal));
            }
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void Expand_GeneratedCases_EveryStageAfterTheStagesItWaitsFor()
    {
        Properties.Check(Scenarios.Valid, Cases, s =>
        {
            var plan = PlanExpander.Expand(s.Campaign, s.Topology);

            var span = plan.Stages.ToDictionary(p => p.Name, p => (p.FirstWave, p.LastWave));
            foreach (var wave in plan.Waves)
            {
                Assert.InRange(wave.Number, span[wave.Stage].FirstWave, span[wave.Stage].LastWave);
            }
            foreach (var stage in s.Campaign.Stages)
            {
                foreach (var before in stage.After)
                {
                    Assert.True(span[before].LastWave < span[stage.Name].FirstWave, $"{stage.Name} starts before {before} ends");
                }
            }
            Assert.Equal(s.Campaign.Stages.Length, plan.Stages.Length);
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void Expand_GeneratedCases_EveryWaveWithinItsLimits()
    {
        Properties.Check(Scenarios.Valid, Cases, s =>
        {
            var plan = PlanExpander.Expand(s.Campaign, s.Topology);

            var hosts = s.Topology.Hosts.ToDictionary(h => h.Id);
            foreach (var wave in plan.Waves.Where(w => w.Kind is WaveKind.Rolling or WaveKind.Canary or WaveKind.Move))
            {
                var stage = s.Campaign.Stages.Single(x => x.Name == wave.Stage);
                var total = StageSelection.Of(s.Campaign, stage, s.Topology).Hosts.Length;
                var inWave = wave.Hosts.Select(h => hosts[h]).ToList();
                Assert.NotEmpty(inWave);
                Assert.Equal(inWave.Count, inWave.Distinct().Count());
                switch (wave.Kind, stage.Strategy)
                {
                    case (WaveKind.Canary, CanaryStrategy canary):
                        Assert.Equal(Math.Min(canary.FirstWave, total), inWave.Count);
                        break;
                    case (WaveKind.Rolling, RollingStrategy rolling):
                        Within(rolling.Limits, total, inWave, wave.Number);
                        break;
                    case (WaveKind.Rolling, CanaryStrategy canary):
                        Within(canary.Rest, total, inWave, wave.Number);
                        break;
                    case (WaveKind.Move, ParallelUniverseStrategy universe):
                        Within(universe.Moves, total, inWave, wave.Number);
                        break;
                    default:
                        Assert.Fail($"wave {wave.Number} is {wave.Kind} in a {stage.Strategy.Kind} stage");
                        break;
                }
            }
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void Expand_GeneratedCases_MovesLeaveTheWaveAndKeepCapacityAndAntiAffinity()
    {
        Properties.Check(Scenarios.Valid, Cases, s =>
        {
            var plan = PlanExpander.Expand(s.Campaign, s.Topology);

            // An independent replay of every move, in plan order, from the topology's placement.
            var index = new TopologyIndex(s.Topology);
            var at = s.Topology.Vnfs.SelectMany(v => v.Instances).ToDictionary(i => i.Id, i => i.Host);
            foreach (var (wave, move) in plan.Moves())
            {
                // A VM with nowhere to go keeps a move without destination (noted ESC-N02): it does not leave.
                if (move.To is not { } to)
                {
                    Assert.Contains(plan.Notes, n => n.Code == "ESC-N02" && n.Wave == wave.Number && n.Message.Contains(move.Instance.Name, StringComparison.Ordinal));
                    continue;
                }
                Assert.DoesNotContain(to, wave.Hosts);
                Assert.Equal(at[move.Instance], move.From);
                Assert.True(index.Host(to).Roles.HasFlag(HostRoles.Compute), $"{to} is no compute host");
                at[move.Instance] = to;
                var load = at.Where(p => p.Value == to).Select(p => index.Instance(p.Key).Flavor).ToList();
                var capacity = index.Host(to).Capacity;
                Assert.True(load.Sum(f => f.Vcpu) <= capacity.AllocatableVcpu + 1e-9, $"wave {wave.Number}: {to} over its vCPU");
                Assert.True(load.Sum(f => f.RamGiB) <= capacity.AllocatableRamGiB + 1e-9, $"wave {wave.Number}: {to} over its RAM");
                var vnf = index.VnfOf(move.Instance);
                if (vnf.AntiAffinity != AntiAffinity.None)
                {
                    var domain = FaultDomain.Of(index.Host(to), vnf.AntiAffinity);
                    Assert.DoesNotContain(vnf.Instances, other => other.Id != move.Instance && FaultDomain.Of(index.Host(at[other.Id]), vnf.AntiAffinity) == domain);
                }
                if (wave.Kind == WaveKind.Move)
                {
                    var spares = ((ParallelUniverseStrategy)s.Campaign.Stages.Single(x => x.Name == wave.Stage).Strategy).Spares;
                    Assert.True(spares.Matches(index.Host(to)), $"wave {wave.Number}: {move.Instance} moves to {to}, outside the new universe");
                }
            }
        }, ModelProperties.PlansReplay, gamma: false);
    }

    [Fact]
    public void Expand_GeneratedCases_EveryVmLeftOnAHostThatGoesDownIsListedDown()
    {
        Properties.Check(Scenarios.Valid, Cases, s =>
        {
            var plan = PlanExpander.Expand(s.Campaign, s.Topology);

            var at = s.Topology.Vnfs.SelectMany(v => v.Instances).ToDictionary(i => i.Id, i => i.Host);
            foreach (var wave in plan.Waves)
            {
                foreach (var step in wave.Steps)
                {
                    // What the host's upgrade does to VMs is what the components it brings to target do.
                    var affectsVms = step.Versions.Any(v => s.Campaign.Component(v.Component)!.Impact.AffectsVms);
                    foreach (var move in step.Moves.Where(m => m.To is not null)) at[move.Instance] = move.To!.Value;
                    var left = at.Where(p => p.Value.Name == step.Target).Select(p => p.Key.Name).Order(StringComparer.Ordinal).ToList();
                    var down = step.Unavailable.Where(u => u.Reason == UnavailableReason.HostDown).Select(u => u.Instance.Name).Order(StringComparer.Ordinal);
                    switch (step.Action)
                    {
                        case StepAction.Retire:
                        case StepAction.Upgrade when affectsVms:
                            Assert.Equal(left, down);
                            break;
                        default:
                            Assert.Empty(down);
                            break;
                    }
                }
            }
        }, ModelProperties.PlansReplay, gamma: false);
    }

    private static void Within(FaultDomainLimits limits, int total, List<Host> wave, int number)
    {
        var max = limits.MaxUnavailable.Resolve(total);
        Assert.True(wave.Count <= max, $"wave {number} takes {wave.Count} hosts; at most {max}");
        Assert.True(wave.CountBy(h => h.Rack).All(g => g.Value <= (limits.PerRack ?? int.MaxValue)), $"wave {number} breaks perRack {limits.PerRack}");
        Assert.True(wave.CountBy(h => h.Zone).All(g => g.Value <= (limits.PerZone ?? int.MaxValue)), $"wave {number} breaks perZone {limits.PerZone}");
        Assert.True(wave.CountBy(h => h.Site).All(g => g.Value <= (limits.PerSite ?? int.MaxValue)), $"wave {number} breaks perSite {limits.PerSite}");
    }
}
