using System.Text;

namespace Escalator.Model.Tests.Yaml;

/// <summary>Strings that a careless YAML writer gets wrong: words other types claim, indicators, quotes, breaks.</summary>
internal static class TrickyText
{
    /// <summary>Whole values that plain YAML reads as null, booleans, numbers, dates or structure.</summary>
    public static readonly string[] Words =
    [
        "true", "false", "True", "FALSE", "yes", "no", "on", "off", "y", "n", "null", "Null", "~", "",
        "1", "-1", "+1", "1.0", "1.", ".5", "1e3", "1_000", "0x1F", "0o17", "017", "12:30", ".inf", "-.Inf", ".nan",
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "-", "- a", "? a", "a: b", "a:b", "a #b", "a#b", "#a",
        "[a]", "{a: b}", "a, b", "&a", "*a", "!a", "|", ">", "%a", "@a", "`a", "'a'", "\"a\"", "it's", "---", "...",
        " lead", "trail ", "two  spaces", "line\nbreak", "ends with break\n", "two\n\nbreaks\n\n", "\nlead break",
        "tab\there", "cr\r\nlf", "a\n b", "a \nb", "é→ü", "12.5.0", "5%", "30s", "\\", "a\\nb", "\u00a0nbsp",
    ];

    private const string Alphabet = "abcXYZ019 -_:#'\"\\[]{},&*!|>%@`?.\n\té→";

    /// <summary>One of <see cref="Words"/>, or a random string over an alphabet of indicators and breaks.</summary>
    public static string Next(Random random)
    {
        if (random.Next(2) == 0)
        {
            return Words[random.Next(Words.Length)];
        }
        var text = new StringBuilder();
        for (var n = random.Next(0, 12); n > 0; n--)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A tricky string that is not empty, for names the loaders require.</summary>
    public static string NextName(Random random, string fallback)
    {
        var text = Next(random);
        return text.Length == 0 ? fallback : text;
    }
}
