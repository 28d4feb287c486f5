using System.Globalization;
using System.Text;

namespace Escalator.Model.Yaml;

/// <summary>Reads and writes durations such as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c> or a plain number of seconds.</summary>
public static class Durations
{
    // In milliseconds, so that whole milliseconds add up exactly and one division makes the seconds.
    private static readonly (string Unit, long Ms)[] Units = [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)];

    /// <summary>2^53: up to here every whole number of milliseconds is exact in a double.</summary>
    private const double ExactMs = 9_007_199_254_740_992d;

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
        var ms = 0.0;
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
            ms += number * factor.Ms;
            any = true;
        }
        seconds = ms / 1000;
        return any && double.IsFinite(seconds);
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
        if (wholeMs > ExactMs || wholeMs / 1000 != seconds)
        {
            return seconds.ToString("R", CultureInfo.InvariantCulture);
        }
        var ms = (long)wholeMs;
        var text = new StringBuilder();
        foreach (var (unit, unitMs) in Units)
        {
            if (ms >= unitMs)
            {
                text.Append(ms / unitMs).Append(unit);
                ms %= unitMs;
            }
        }
        return text.ToString();
    }
}
