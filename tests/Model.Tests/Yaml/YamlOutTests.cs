using Escalator.Model.Campaigns;
using Escalator.Model.Yaml;

namespace Escalator.Model.Tests.Yaml;

public sealed class YamlOutTests
{
    public static TheoryData<string> Words => [.. TrickyText.Words];

    [Theory]
    [MemberData(nameof(Words))]
    public void Text_TrickyWord_ReadsBackUnchanged(string word)
    {
        var campaign = Campaign(word);

        var (_, read) = RoundTrip.Campaign(campaign, $"the word \"{word}\"");

        Assert.Equal(word, read.Value!.Description);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1.0")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("0x1F")]
    [InlineData("2001-12-14")]
    public void Text_WordAnotherTypeClaims_IsQuoted(string word)
    {
        var text = CampaignWriter.Write(Campaign(word));

        Assert.Contains($"description: '{word}'", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12.5.0")]
    [InlineData("rolling-computes")]
    [InlineData("all VMs on the host")]
    public void Text_PlainWord_IsNotQuoted(string word)
    {
        var text = CampaignWriter.Write(Campaign(word));

        Assert.Contains($"description: {word}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_SeveralLines_IsALiteralBlock()
    {
        var text = CampaignWriter.Write(Campaign("first line\nsecond line\n"));

        Assert.Contains("description: |\n  first line\n  second line\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_RandomStrings_ReadBackUnchanged()
    {
        Properties.Check(Properties.Seeds, 200, seed =>
        {
            var random = new Random(seed);
            var words = Enumerable.Range(0, 8).Select(_ => TrickyText.Next(random)).ToList();

            foreach (var word in words)
            {
                var (_, read) = RoundTrip.Campaign(Campaign(word), $"seed {seed}, the string \"{word}\"");
                Assert.Equal(word, read.Value!.Description);
            }
        }, ModelProperties.YamlReplay);
    }

    private static readonly Lazy<Campaign> Ha = new(() => CampaignLoader.LoadFile(ScenarioFiles.Path("scenarios/ha/rolling-computes.yaml")).Value!);

    private static Campaign Campaign(string description) => Ha.Value with { Description = description };
}
