using Escalator.Model.Campaigns;
using Escalator.Model.Generation;
using Escalator.Model.Topology;
using FsCheck;
using FsCheck.Fluent;

namespace Escalator.Model.Tests.Generation;

/// <summary>The arguments of one generated scenario; FsCheck prints them (the seed among them) when a case fails.</summary>
internal sealed record ScenarioCase(int Hosts, int Vnfs, int Seed)
{
    /// <summary>Small scenarios: from the fewest hosts to <paramref name="maxHosts"/>, from no VNF to the most allowed.</summary>
    public static Arbitrary<ScenarioCase> Small(int maxHosts) =>
        (from hosts in Gen.Choose(ScenarioGenerator.MinHosts, maxHosts)
         from vnfs in Gen.Choose(0, ScenarioGenerator.MaxVnfsPerHost * hosts)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select new ScenarioCase(hosts, vnfs, seed)).ToArbitrary();

    public (DataCentre Topology, Campaign Campaign) Generate() => ScenarioGenerator.Generate(Hosts, Vnfs, Seed);

    public override string ToString() => $"ScenarioGenerator.Generate({Hosts}, {Vnfs}, {Seed})";
}
