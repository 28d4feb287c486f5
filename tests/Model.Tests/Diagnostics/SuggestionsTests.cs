using Escalator.Model.Diagnostics;

namespace Escalator.Model.Tests.Diagnostics;

public sealed class SuggestionsTests
{
    private static readonly string[] LimitKeys = ["maxUnavailable", "perRack", "perZone", "perSite"];

    [Fact]
    public void Nearest_TransposedLetters_TheIntendedKey()
    {
        var nearest = Suggestions.Nearest("maxUnavaliable", LimitKeys);

        Assert.Equal("maxUnavailable", nearest);
    }

    [Fact]
    public void Nearest_DifferentCase_MatchesIgnoringCase()
    {
        var nearest = Suggestions.Nearest("PERRACK", LimitKeys);

        Assert.Equal("perRack", nearest);
    }

    [Fact]
    public void Nearest_NothingClose_Null()
    {
        var nearest = Suggestions.Nearest("timeout", LimitKeys);

        Assert.Null(nearest);
    }

    [Fact]
    public void Nearest_NoCandidates_Null()
    {
        var nearest = Suggestions.Nearest("perRack", []);

        Assert.Null(nearest);
    }

    [Fact]
    public void Nearest_Ties_TheFirstCandidate()
    {
        var nearest = Suggestions.Nearest("perXone", ["perZone", "perDone"]);

        Assert.Equal("perZone", nearest);
    }

    [Theory]
    [InlineData("ab", "xy", true)]
    [InlineData("ab", "xyz", false)]
    [InlineData("abcdefghi", "abcxyzghi", true)]
    [InlineData("abcdefghi", "abwxyzghi", false)]
    public void Nearest_Limit_AThirdOfTheWordButAtLeastTwo(string word, string candidate, bool suggested)
    {
        var nearest = Suggestions.Nearest(word, [candidate]);

        Assert.Equal(suggested, nearest is not null);
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("maxUnavaliable", "maxUnavailable", 1)]
    [InlineData("ca", "abc", 3)]
    public void Distance_OptimalStringAlignment_Known(string a, string b, int expected)
    {
        var d = Suggestions.Distance(a, b);

        Assert.Equal(expected, d);
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Fact]
    public void Hint_Close_DidYouMean()
    {
        var hint = Suggestions.Hint("perRak", LimitKeys);

        Assert.Equal("; did you mean 'perRack'?", hint);
    }

    [Fact]
    public void Hint_Far_Empty()
    {
        var hint = Suggestions.Hint("completely-different", LimitKeys);

        Assert.Equal("", hint);
    }
}
