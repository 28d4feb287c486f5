using System.Globalization;
using System.Text;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Names for a discovered topology: cleaned of what a topology file cannot hold, and unique within their kind.</summary>
internal sealed class DiscoveryNames
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>A name without control characters or runs of white space (each becomes one '-'), nor the brackets of host ranges, trimmed.</summary>
    public static string Clean(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            var bad = char.IsWhiteSpace(c) || char.IsControl(c) || c is '[' or ']';
            if (!bad) text.Append(c);
            else if (text.Length > 0 && text[^1] != '-') text.Append('-');
        }
        return text.ToString().Trim('-');
    }

    /// <summary>Takes <paramref name="wanted"/> if free, else <c>wanted-ID8</c> (the first 8 characters of the object's id), else adds a counter.</summary>
    public string Take(string wanted, string id)
    {
        var name = Clean(wanted);
        var shortId = Clean(id).Length > 8 ? Clean(id)[..8] : Clean(id);
        if (name.Length == 0) name = shortId.Length > 0 ? shortId : "unnamed";
        if (_taken.Add(name)) return name;
        var withId = $"{name}-{shortId}";
        if (shortId.Length > 0 && _taken.Add(withId)) return withId;
        for (var i = 2; ; i++)
        {
            var numbered = $"{withId}-{i.ToString(CultureInfo.InvariantCulture)}";
            if (_taken.Add(numbered)) return numbered;
        }
    }
}
