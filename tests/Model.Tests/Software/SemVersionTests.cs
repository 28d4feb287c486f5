using Escalator.Model.Software;

namespace Escalator.Model.Tests.Software;

public sealed class SemVersionTests
{
    [Fact]
    public void TryParse_FullVersion_ReadsEveryPart()
    {
        var ok = SemVersion.TryParse("27.1.3-rc.1+build.5", out var version);

        Assert.True(ok);
        Assert.Equal(new SemVersion(27, 1, 3, "rc.1", "build.5"), version);
        Assert.Equal("27.1.3-rc.1+build.5", version.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("v1.2.3")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-alpha..1")]
    [InlineData("1.2.3+")]
    [InlineData(" 1.2.3")]
    [InlineData("1.2.x")]
    [InlineData("99999999999.0.0")]
    public void TryParse_NotSemantic_False(string text)
    {
        var ok = SemVersion.TryParse(text, out _);

        Assert.False(ok);
    }

    [Fact]
    public void Parse_NotSemantic_ThrowsNamingTheText()
    {
        var e = Assert.Throws<FormatException>(() => SemVersion.Parse("12.5"));

        Assert.Contains("'12.5'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareTo_SemverOrgPrecedenceExample_SortsInThatOrder()
    {
        // The list in semver.org 2.0.0, item 11, plus the numeric ordering of the main parts.
        string[] ordered =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "10.0.0",
        ];
        var versions = ordered.Select(SemVersion.Parse).ToList();

        var sorted = versions.AsEnumerable().Reverse().Order().Select(v => v.ToString()).ToList();

        Assert.Equal(ordered, sorted);
    }

    [Theory]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.-1")]
    [InlineData("1.0.0-99999999999", "1.0.0-100000000000")]
    [InlineData("1.0.0-2", "1.0.0-10")]
    [InlineData("1.0.0-9", "1.0.0-a")]
    [InlineData("1.0.0-a", "1.0.0-a.0")]
    public void CompareTo_PrereleaseIdentifiers_FirstIsLower(string lower, string higher)
    {
        var a = SemVersion.Parse(lower);
        var b = SemVersion.Parse(higher);

        var forwards = a.CompareTo(b);
        var backwards = b.CompareTo(a);

        Assert.True(forwards < 0, $"{lower} should be below {higher}");
        Assert.True(backwards > 0, $"{higher} should be above {lower}");
    }

    [Fact]
    public void CompareTo_BuildMetadataOnly_Equal()
    {
        var a = SemVersion.Parse("1.2.3+linux");
        var b = SemVersion.Parse("1.2.3+windows");

        var c = a.CompareTo(b);

        Assert.Equal(0, c);
        Assert.True(a <= b && a >= b && !(a < b) && !(a > b));
    }
}
