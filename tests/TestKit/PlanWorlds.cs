using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

/// <summary>Generates <see cref="PlanWorld"/>s: small but varied data centres and campaigns, every one of them valid as a
/// user would write it, for properties that expand a world into a plan and compare the engines on it.</summary>
/// <remarks>
/// <para>What a world may hold: one or two sites of one or two zones of one to three racks; up to three control hosts
/// carrying galera, rabbitmq, keystone, placement-api, nova-conductor and nova-api with clusters (majority, any, all) of
/// them, keystone serving every site; compute hosts (and, for a parallel universe, empty spares labelled
/// <c>pool: spare</c>); up to eight VNFs of every redundancy model with host, rack, zone or no anti-affinity, live (some
/// declaring used memory and dirty rate), cold or no migration, coordinated VNF managers and availability budgets. The
/// campaign has up to three stages: control-plane stages (one level of the component chain each, or the control hosts' OS)
/// ordered by <c>after</c>, with <c>dependsOn</c> and <c>talksTo</c> windows in the catalogue, and compute stages rolling,
/// canary or by parallel universe; procedures that notify, switch over, evacuate (live, cold fallback), back up, upgrade
/// and verify; recovery and simulation settings (never fault rates).</para>
/// <para>The mix is derived from the seed: two seeds in three are gentle (<see cref="PlanWorld.Gentle"/>) and lean towards a
/// plan a careful planner would accept — waves no wider than any VNF tolerates, half-empty hosts and a spare fault domain for
/// every evacuation, live migration with a cold fallback, a switchover before the active instance goes, control stages one
/// member at a time in dependency order with every window respected, budgets above what the plan can spend. The third
/// makes one or two <see cref="PlanMistake"/>s on purpose and draws the rest freely.</para>
/// <para>Timing: durations spread by at most cv 0.3, and every timeout is finite and at least three times its step's
/// expected time (equal to it, a boundary, for one step in one world in eight whose durations are fixed), so a fault-free run does not
/// time out.</para>
/// </remarks>
public static partial class PlanWorlds
{
    public const int MaxHosts = 16;

    public const int MaxVnfs = 8;

    public const int MaxStages = 3;

    /// <summary>The world of <paramref name="seed"/>: the same seed always gives the same world.</summary>
    public static PlanWorld Build(int seed) => new Builder(seed).Build();

    private enum ComputeKind
    {
        None,
        Rolling,
        Canary,
        Universe,
    }

    /// <summary>How a <see cref="PlanMistake.BrokenWindow"/> world breaks its catalogue.</summary>
    private enum Broken
    {
        SameStage,
        WrongOrder,
        PeerBehind,
        TwoMajors,
    }

    /// <summary>A stage before it becomes one: its name, whether it works on control hosts, its components and scope.</summary>
    private sealed record StageSpec(string Name, bool Control, ImmutableArray<string> Components, Selector Scope);

    private sealed partial class Builder(int seed)
    {
        private readonly Random _r = new(seed);
        private readonly List<PlanMistake> _mistakes = [];
        private bool _gentle;
        private bool _multiSite;
        private bool _control;
        private ComputeKind _kind;
        private Broken? _broken;

        public PlanWorld Build()
        {
            _gentle = _r.Next(3) != 0;
            ChooseMistakes();
            ChooseShape();
            _simulation = ChooseSimulation();
            ChooseVersions();
            ChooseWork();
            BuildPlaces();
            BuildHosts();
            BuildVnfs();
            BuildSpares();
            PlanStages();
            BuildClusters();
            var campaign = BuildCampaign();
            var vnfs = _vnfs.Select(v => v with { Availability = Budget(v, campaign) }).ToImmutableArray();
            var hosts = _hosts.OrderBy(h => _racks.FindIndex(r => r.Rack == h.Rack)).ToImmutableArray();
            var dc = new DataCentre($"world-{seed}", null, [.. _sites], hosts, [.. _clusters], vnfs);
            return new PlanWorld(seed, dc, campaign) { Gentle = _gentle, Mistakes = [.. _mistakes.Order()] };
        }

        private void ChooseMistakes()
        {
            if (_gentle) return;
            var all = Enum.GetValues<PlanMistake>();
            var count = _r.Next(4) == 0 ? 2 : 1;
            while (_mistakes.Count < count)
            {
                var m = all[_r.Next(all.Length)];
                if (!_mistakes.Contains(m)) _mistakes.Add(m);
            }
        }

        private bool Made(PlanMistake m) => _mistakes.Contains(m);

        private void ChooseShape()
        {
            var needsComputes = Made(PlanMistake.WideWaves) || Made(PlanMistake.NoRoom) || Made(PlanMistake.NoSwitchover)
                || Made(PlanMistake.NoEvacuation) || Made(PlanMistake.SmallBudget);
            var needsControl = Made(PlanMistake.BrokenWindow) || Made(PlanMistake.WideControl);
            _multiSite = _r.Next(10) < 3;
            _control = needsControl || _r.Next(2) == 0;
            var k = _r.Next(100);
            _kind = k < 12 && _control && !needsComputes ? ComputeKind.None
                : k < 50 ? ComputeKind.Rolling
                : k < 75 ? ComputeKind.Canary
                : ComputeKind.Universe;
            if (_kind == ComputeKind.Universe && !needsControl && _r.Next(4) > 0) _control = true;
            if (Made(PlanMistake.BrokenWindow)) _broken = (Broken)_r.Next(4);
        }

        /// <summary>One of <paramref name="items"/>, uniformly.</summary>
        private T Pick<T>(params T[] items) => items[_r.Next(items.Length)];

        /// <summary>True with probability <paramref name="percent"/>/100.</summary>
        private bool Chance(int percent) => _r.Next(100) < percent;
    }
}
