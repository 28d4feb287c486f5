using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.Model.Tests.Yaml;

public sealed class HostRangesTests
{
    [Theory]
    [InlineData("cmp-01 cmp-02 cmp-03", "cmp-[01-03]")]
    [InlineData("cmp-9 cmp-10 cmp-11", "cmp-[9-11]")]
    [InlineData("cmp-098 cmp-099 cmp-100", "cmp-[098-100]")]
    [InlineData("r1-cmp-1a r1-cmp-2a", "r1-cmp-[1-2]a")]
    [InlineData("cmp-1 cmp-3 cmp-4", "cmp-1 cmp-[3-4]")]
    [InlineData("cmp-09 cmp-10", "cmp-[09-10]")]
    [InlineData("cmp-9 cmp-010", "cmp-9 cmp-010")]
    [InlineData("a b 7", "a b 7")]
    public void Patterns_Names_CompressConsecutiveRunsOnly(string names, string expected)
    {
        var list = names.Split(' ');

        var patterns = HostRanges.Patterns(list).ToList();

        Assert.Equal(expected, string.Join(' ', patterns));
        Assert.Equal(list, patterns.SelectMany(p => HostRange.Expand(p).Names));
    }

    [Fact]
    public void Patterns_RunLongerThanOnePatternMayBe_SplitsIntoPatternsTheReaderAccepts()
    {
        var names = Enumerable.Range(1, 100_001).Select(n => $"cmp-{n:D6}").ToList();

        var patterns = HostRanges.Patterns(names).ToList();

        Assert.Equal(["cmp-[000001-100000]", "cmp-100001"], patterns);
        Assert.All(patterns, p => Assert.Null(HostRange.Expand(p).Error));
    }

    [Fact]
    public void Patterns_RandomNames_ExpandBackToTheNames()
    {
        Properties.Check(Properties.Seeds, 500, seed =>
        {
            var random = new Random(seed);
            var names = new List<string>();
            for (var n = random.Next(1, 40); n > 0; n--)
            {
                var number = random.Next(0, 3) == 0 ? random.Next(0, 1000) : names.Count;
                var digits = number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(random.Next(1, 4), '0');
                names.Add($"{(random.Next(4) == 0 ? "x" : "cmp-")}{digits}{(random.Next(5) == 0 ? "-b" : "")}");
            }

            var expanded = HostRanges.Patterns(names).SelectMany(p => HostRange.Expand(p).Names).ToList();

            Assert.True(names.SequenceEqual(expanded), $"seed {seed}: [{string.Join(", ", names)}] came back as [{string.Join(", ", expanded)}]");
        }, ModelProperties.YamlReplay);
    }
}
