using System.Globalization;
using System.Text;

namespace Escalator.Model.Yaml;

/// <summary>Reads and writes durations such as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c> or a plain number of seconds.</summary>
public static class Durations
{
    private static readonly (string Unit, double Seconds)[] Units = [("d", 86400), ("h", 3600), ("m", 60), ("s", 1), ("ms", 0.001)];

    public static bool TryParse(string text, out double seconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        seconds = 0;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            seconds = plain;
            return double.IsFinite(plain) && plain >= 0;
        }
        var i = 0;
        var any = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (start == i || !double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            var unit = text[unitStart..i];
            var factor = Array.Find(Units, u => u.Unit == unit);
            if (factor.Unit is null)
            {
                return false;
            }
            seconds += number * factor.Seconds;
            any = true;
        }
        return any;
    }

    /// <summary>A short, exact spelling of a duration that <see cref="TryParse"/> reads back to the same value.</summary>
    public static string Format(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        if (seconds == 0)
        {
            return "0s";
        }
        var wholeMs = Math.Round(seconds * 1000);
        if (Math.Abs(wholeMs / 1000 - seconds) > 1e-9)
        {
            return seconds.ToString("R", CultureInfo.InvariantCulture);
        }
        var ms = (long)wholeMs;
        var text = new StringBuilder();
        foreach (var (unit, unitSeconds) in Units)
        {
            var unitMs = (long)Math.Round(unitSeconds * 1000);
            if (ms >= unitMs)
            {
                text.Append(ms / unitMs).Append(unit);
                ms %= unitMs;
            }
        }
        return text.ToString();
    }
}
