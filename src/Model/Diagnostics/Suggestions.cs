namespace Escalator.Model.Diagnostics;

/// <summary>Finds the nearest known word to a misspelt one, for "did you mean" hints.</summary>
public static class Suggestions
{
    /// <summary>The closest candidate within an edit distance of a third of the word (at least 2), or null.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        var limit = Math.Max(2, word.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or an empty string.</summary>
    public static string Hint(string word, IEnumerable<string> candidates) =>
        Nearest(word, candidates) is { } s ? $"; did you mean '{s}'?" : "";

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
