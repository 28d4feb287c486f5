using Escalator.Model.Diagnostics;

namespace Escalator.Model.Tests.Diagnostics;

public sealed class SourceMapTests
{
    private static readonly Dictionary<string, SourceLocation> Known = new(StringComparer.Ordinal)
    {
        [""] = new("f.yaml", 1, 1),
        ["stages"] = new("f.yaml", 4, 3),
        ["stages[1]"] = new("f.yaml", 9, 5),
        ["stages[1].strategy"] = new("f.yaml", 12, 15),
    };

    private static readonly SourceMap Map = new("f.yaml", p => Known.TryGetValue(p, out var l) ? l : null);

    [Theory]
    [InlineData("stages[1].strategy", 12, 15)]
    [InlineData("stages[1].strategy.rolling.perRack", 12, 15)]
    [InlineData("stages[1].after[2]", 9, 5)]
    [InlineData("stages[7]", 4, 3)]
    [InlineData("nothing.here", 1, 1)]
    public void Locate_UnreadPath_NearestAncestorThatWasRead(string path, int line, int column)
    {
        var location = Map.Locate(path);

        Assert.Equal(new SourceLocation("f.yaml", line, column), location);
    }

    [Fact]
    public void Locate_NothingRead_StartOfTheFile()
    {
        var map = new SourceMap("g.yaml", _ => null);

        var location = map.Locate("a.b[3]");

        Assert.Equal(new SourceLocation("g.yaml", 1, 1), location);
    }

    [Fact]
    public void Locate_EmptyMap_NoLocation()
    {
        var location = SourceMap.Empty.Locate("a.b");

        Assert.Null(location);
    }
}
