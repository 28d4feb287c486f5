using System.Collections.Immutable;
using Escalator.Model.Campaigns;
using Escalator.Model.Software;
using Escalator.Model.Topology;

namespace Escalator.Model.Tests.Campaigns;

public sealed class SelectorTests
{
    private static readonly Host Compute = MakeHost("cmp-1", HostRoles.Compute | HostRoles.Storage, "dc1", "az1", "r1", ("tier", "gold"), ("gpu", "yes"));

    [Fact]
    public void Matches_EmptySelector_EveryHost()
    {
        var selector = Selector.All;

        var matches = selector.Matches(Compute);

        Assert.True(matches);
    }

    [Theory]
    [InlineData(HostRoles.Compute, true)]
    [InlineData(HostRoles.Control | HostRoles.Storage, true)]
    [InlineData(HostRoles.Control, false)]
    [InlineData(HostRoles.Network | HostRoles.Control, false)]
    public void Matches_Roles_AnyOfThem(HostRoles roles, bool expected)
    {
        var selector = Selector.All with { Roles = roles };

        var matches = selector.Matches(Compute);

        Assert.Equal(expected, matches);
    }

    [Theory]
    [InlineData("tier", "gold", true)]
    [InlineData("tier", "silver", false)]
    [InlineData("pool", "gold", false)]
    public void Matches_OneLabel_KeyAndValue(string key, string value, bool expected)
    {
        var selector = Selector.All with { Labels = ImmutableSortedDictionary<string, string>.Empty.Add(key, value) };

        var matches = selector.Matches(Compute);

        Assert.Equal(expected, matches);
    }

    [Fact]
    public void Matches_SeveralLabels_AllOfThem()
    {
        var both = Selector.All with { Labels = ImmutableSortedDictionary.CreateRange([new("tier", "gold"), new KeyValuePair<string, string>("gpu", "yes")]) };
        var oneWrong = Selector.All with { Labels = ImmutableSortedDictionary.CreateRange([new("tier", "gold"), new KeyValuePair<string, string>("gpu", "no")]) };

        var (a, b) = (both.Matches(Compute), oneWrong.Matches(Compute));

        Assert.True(a);
        Assert.False(b);
    }

    [Theory]
    [InlineData(new[] { "dc1" }, new string[0], new string[0], true)]
    [InlineData(new[] { "dc2" }, new string[0], new string[0], false)]
    [InlineData(new[] { "dc2", "dc1" }, new string[0], new string[0], true)]
    [InlineData(new string[0], new[] { "az1" }, new[] { "r1" }, true)]
    [InlineData(new string[0], new[] { "az1" }, new[] { "r2" }, false)]
    [InlineData(new[] { "dc1" }, new[] { "az2" }, new string[0], false)]
    [InlineData(new string[0], new string[0], new[] { "r9", "r1" }, true)]
    public void Matches_Places_EachGivenListMustContainTheHost(string[] sites, string[] zones, string[] racks, bool expected)
    {
        var selector = Selector.All with { Sites = [.. sites], Zones = [.. zones], Racks = [.. racks] };

        var matches = selector.Matches(Compute);

        Assert.Equal(expected, matches);
    }

    [Fact]
    public void Matches_RoleAndPlace_BothMustHold()
    {
        var selector = Selector.All with { Roles = HostRoles.Compute, Racks = ["r2"] };

        var matches = selector.Matches(Compute);

        Assert.False(matches);
    }

    internal static Host MakeHost(string name, HostRoles roles, string site, string zone, string rack, params (string Key, string Value)[] labels) =>
        new(new HostId(name), site, zone, rack, roles,
            labels.ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
            new Capacity(16, 64, 100),
            ImmutableSortedDictionary<string, SemVersion>.Empty.Add("host-os", new SemVersion(1, 0, 0)));
}
