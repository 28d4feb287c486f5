using Escalator.Model.Generation;
using Escalator.Model.Semantics;
using Escalator.Model.Topology;
using Escalator.TestKit;

namespace Escalator.Model.Tests.Semantics;

public sealed class SchedulerTests
{
    /// <summary>A data centre as an engine might hold it at a wave: hosts out, hosts still waiting, and loads drawn at
    /// random (in steps of a quarter GiB, so that hosts tie on free RAM and the name decides).</summary>
    private sealed class RandomView : IPlacementView
    {
        private readonly TopologyIndex _index;
        private readonly HashSet<HostId> _out = [];
        private readonly HashSet<HostId> _pending = [];
        private readonly Dictionary<HostId, double> _used = [];

        public RandomView(TopologyIndex index, Random random)
        {
            _index = index;
            foreach (var host in index.DataCentre.Hosts)
            {
                if (random.NextDouble() < 0.2) _out.Add(host.Id);
                if (random.NextDouble() < 0.5) _pending.Add(host.Id);
                _used[host.Id] = host.Capacity.AllocatableRamGiB * random.Next(0, 5) / 4;
            }
        }

        public HostId HostOf(InstanceId instance) => _index.Instance(instance).Host;

        public bool Accepts(HostId host) => !_out.Contains(host);

        public bool Pending(HostId host) => _pending.Contains(host);

        public bool HasRoom(InstanceId instance, HostId host) => _index.Instance(instance).Flavor.RamGiB <= FreeRamGiB(host);

        public double FreeRamGiB(HostId host) => _index.Host(host).Capacity.AllocatableRamGiB - _used[host];
    }

    [Fact]
    public void First_OverHostsInRankOrder_ChoosesWhatChooseChooses()
    {
        Properties.Check(200, seed =>
        {
            var random = new Random(seed);
            var (dc, _) = ScenarioGenerator.Generate(hosts: 40, vnfs: 20, seed);
            var index = new TopologyIndex(dc);
            var view = new RandomView(index, random);
            var scheduler = new Scheduler(index);
            var chosen = 0;
            foreach (var instance in dc.Vnfs.SelectMany(v => v.Instances))
            {
                var ranked = index.ComputesIn(index.Host(instance.Host).Site).OrderBy(h => scheduler.RankOf(view, h)).ToList();
                foreach (var moveOnce in new[] { false, true })
                {
                    var expected = scheduler.Choose(view, instance.Id, moveOnce);
                    Assert.Equal(expected, scheduler.First(view, instance.Id, moveOnce, ranked));
                    if (expected is not null) chosen++;
                }
            }
            Assert.True(chosen > 0, $"seed {seed}: no instance found a host; the property checked nothing");
        });
    }

    [Fact]
    public void RankOf_OrdersSettledFirstThenMostFreeRamThenNameInNaturalOrder()
    {
        var dc = TopologyLoader.Parse("t.yaml", """
            name: t
            sites:
              - name: s
                zones:
                  - name: z
                    racks:
                      - {name: r, hosts: [{name: "cmp-[1-10]", roles: [compute], capacity: {vcpu: 8, ramGiB: 1024}}]}
            vnfs: []
            """).Value!;
        var index = new TopologyIndex(dc);
        var scheduler = new Scheduler(index);
        // cmp-9 and cmp-10 tie on free RAM (natural order puts 9 first); cmp-2 has more; cmp-1 more still but waits.
        var view = new FixedView(new Dictionary<string, double> { ["cmp-1"] = 900, ["cmp-2"] = 200, ["cmp-9"] = 100, ["cmp-10"] = 100 }, pending: "cmp-1");

        var ordered = new[] { "cmp-1", "cmp-10", "cmp-2", "cmp-9" }.Select(n => index.Host(new HostId(n)))
            .OrderBy(h => scheduler.RankOf(view, h)).Select(h => h.Id.Name);

        Assert.Equal(["cmp-2", "cmp-9", "cmp-10", "cmp-1"], ordered);
    }

    private sealed class FixedView(Dictionary<string, double> free, string pending) : IPlacementView
    {
        public HostId HostOf(InstanceId instance) => throw new NotSupportedException();

        public bool Accepts(HostId host) => true;

        public bool Pending(HostId host) => host.Name == pending;

        public bool HasRoom(InstanceId instance, HostId host) => true;

        public double FreeRamGiB(HostId host) => free[host.Name];
    }
}
