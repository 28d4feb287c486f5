namespace Escalator.Model.Diagnostics;

/// <summary>Where each node of a loaded file was, by YAML path (<c>vnfs[3].redundancy</c>).</summary>
public sealed class SourceMap(string file, Func<string, SourceLocation?> locate)
{
    public static readonly SourceMap Empty = new("", _ => null);

    /// <summary>The file's name as messages show it.</summary>
    public string File { get; } = file;

    /// <summary>The position of the node at a path, or of its nearest ancestor that was read.</summary>
    public SourceLocation? Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var p = path; ; p = Parent(p))
        {
            if (locate(p) is { } l) return l;
            if (p.Length == 0) return File.Length == 0 ? null : new SourceLocation(File, 1, 1);
        }
    }

    private static string Parent(string path)
    {
        var i = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return i <= 0 ? "" : path[..i];
    }
}
