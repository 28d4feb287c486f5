using Escalator.Model.Diagnostics;

namespace Escalator.Model.Tests.Diagnostics;

/// <summary>Assertions on diagnostics, with positions found from a marker in the YAML text rather than counted by hand.</summary>
internal static class Expect
{
    /// <summary>The 1-based line and column where the <paramref name="occurrence"/>-th copy of <paramref name="marker"/> starts.</summary>
    public static SourceLocation Where(string file, string text, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(marker, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"the test's YAML has no occurrence {occurrence} of '{marker}'");
        }
        var line = text[..index].Count(c => c == '\n') + 1;
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        return new SourceLocation(file, line, index - lineStart + 1);
    }

    /// <summary>The single diagnostic of a code, checked for its path, position and the phrases of its message.</summary>
    public static Diagnostic One(IEnumerable<Diagnostic> diagnostics, string code, string path, SourceLocation at, params string[] phrases)
    {
        var all = diagnostics.ToList();
        var matching = all.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}; found:\n{string.Join("\n", all)}");
        var d = matching[0];
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(path, d.Path);
        Assert.Equal(at, d.Location);
        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, d.Message, StringComparison.Ordinal);
        }
        return d;
    }

    /// <summary>The diagnostics as one line each, for assertion messages.</summary>
    public static string List(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics);
}
