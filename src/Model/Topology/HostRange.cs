using System.Globalization;

namespace Escalator.Model.Topology;

/// <summary>Expands host name patterns such as <c>cmp-[01-12]</c> or <c>ctl-[1-3,7]</c>.</summary>
/// <remarks>One bracket group per pattern. The width of a range's first number sets zero padding (01 → 01, 02 …).</remarks>
public static class HostRange
{
    /// <summary>The most names one pattern may stand for.</summary>
    internal const int MaxNames = 100_000;

    /// <summary>The names a pattern stands for, in order; an error text when the pattern is malformed.</summary>
    public static (IReadOnlyList<string> Names, string? Error) Expand(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var open = pattern.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return pattern.Contains(']', StringComparison.Ordinal)
                ? ([], $"'{pattern}' has a ']' without '['")
                : ([pattern], null);
        }
        var close = pattern.IndexOf(']', open);
        if (close < 0)
        {
            return ([], $"'{pattern}' has a '[' without ']'");
        }
        var prefix = pattern[..open];
        var suffix = pattern[(close + 1)..];
        if (suffix.Contains('[', StringComparison.Ordinal) || suffix.Contains(']', StringComparison.Ordinal))
        {
            return ([], $"'{pattern}' has more than one range; write one '[a-b]' per name");
        }
        var names = new List<string>();
        foreach (var part in pattern[(open + 1)..close].Split(','))
        {
            var bounds = part.Trim().Split('-');
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => b.Length > 0 && b.All(char.IsAsciiDigit)))
            {
                return ([], $"'{pattern}': expected numbers or ranges such as 01-12 between the brackets; found '{part}'");
            }
            if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            {
                return ([], $"'{pattern}': the numbers of {part} are too large");
            }
            if (to < from)
            {
                return ([], $"'{pattern}': the range {part} runs backwards");
            }
            // The limit counts every part, so a long list of ranges cannot exhaust memory either.
            if (names.Count + (long)to - from >= MaxNames)
            {
                return ([], $"'{pattern}' stands for more than {MaxNames} names");
            }
            var width = bounds[0].Length > 1 && bounds[0][0] == '0' ? bounds[0].Length : 0;
            // Counting from 0 rather than up to 'to' so that a range ending at int.MaxValue ends too.
            for (var k = 0; k <= to - from; k++)
            {
                names.Add(prefix + (from + k).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + suffix);
            }
        }
        return (names, null);
    }
}
