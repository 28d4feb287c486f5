using System.Globalization;

namespace Escalator.Model.Yaml;

/// <summary>Writes runs of host names such as cmp-0001 … cmp-1000 as one range pattern, <c>cmp-[0001-1000]</c>.</summary>
/// <remarks>The inverse of <see cref="Topology.HostRange.Expand"/>: a pattern is made only when expanding it gives back exactly the names.</remarks>
internal static class HostRanges
{
    /// <summary>The most names one range may hold: as many as the reader expands from one pattern.</summary>
    private const int MaxRun = Topology.HostRange.MaxNames;

    /// <summary>Splits a list of names into runs, each written as one pattern.</summary>
    /// <param name="names">The names, in order.</param>
    /// <param name="alike">Whether the items at two indexes may share one entry (same attributes).</param>
    public static List<(string Pattern, int Start, int Count)> Compress(IReadOnlyList<string> names, Func<int, int, bool> alike)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(alike);
        var runs = new List<(string, int, int)>();
        for (var start = 0; start < names.Count;)
        {
            var count = RunLength(names, start, alike);
            runs.Add((count == 1 ? Single(names[start]) : Pattern(names[start], names[start + count - 1]), start, count));
            start += count;
        }
        return runs;
    }

    /// <summary>Names written one per pattern, compressed where consecutive.</summary>
    public static IEnumerable<string> Patterns(IReadOnlyList<string> names) =>
        Compress(names, (_, _) => true).Select(r => r.Pattern);

    private static int RunLength(IReadOnlyList<string> names, int start, Func<int, int, bool> alike)
    {
        if (Split(names[start]) is not var (prefix, digits, suffix))
        {
            return 1;
        }
        var width = digits.Length > 1 && digits[0] == '0' ? digits.Length : 0;
        var first = int.Parse(digits, CultureInfo.InvariantCulture);
        var count = 1;
        while (start + count < names.Count && count < MaxRun && first + count > first && alike(start, start + count)
               && names[start + count] == prefix + (first + count).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + suffix)
        {
            count++;
        }
        return count;
    }

    private static string Pattern(string first, string last)
    {
        var (prefix, from, suffix) = Split(first)!.Value;
        var to = last[prefix.Length..^suffix.Length];
        return $"{prefix}[{from}-{to}]{suffix}";
    }

    private static string Single(string name) =>
        name.Contains('[', StringComparison.Ordinal) || name.Contains(']', StringComparison.Ordinal)
            ? throw new ArgumentException($"the host name '{name}' holds '[' or ']', which a topology file reads as a range", nameof(name))
            : name;

    /// <summary>The name around its last group of digits, when the name can stand in a range.</summary>
    private static (string Prefix, string Digits, string Suffix)? Split(string name)
    {
        var end = name.Length;
        while (end > 0 && !char.IsAsciiDigit(name[end - 1])) end--;
        var begin = end;
        while (begin > 0 && char.IsAsciiDigit(name[begin - 1])) begin--;
        if (begin == end || end - begin > 9 || name.Contains('[', StringComparison.Ordinal) || name.Contains(']', StringComparison.Ordinal))
        {
            return null;
        }
        return (name[..begin], name[begin..end], name[end..]);
    }
}
