using System.Globalization;
using System.Net;

namespace Escalator.Simulator.Reports;

// Text and numbers as the page shows them: HTML-escaped, invariant culture, about three significant digits.
public static partial class ReportPage
{
    private const string Dash = "—";

    /// <summary>Escapes text for an element's content or a quoted attribute value (&lt; &gt; &amp; " ').</summary>
    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Num(double? value) => value is { } v ? FormatNumber(v) : Dash;

    /// <summary>About three significant digits, no trailing zeros, thousands grouped: 0.0123, 1.35, 12.3, 5,043.</summary>
    private static string FormatNumber(double value)
    {
        var magnitude = Math.Abs(value);
        var text = magnitude switch
        {
            0 => "0",
            >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
            >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
            >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
            >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
            < 0.0001 => value.ToString("0.##E+0", CultureInfo.InvariantCulture),
            _ => Math.Round(value, 2 - (int)Math.Floor(Math.Log10(magnitude))).ToString("0.######", CultureInfo.InvariantCulture),
        };
        return text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal)
            ? text.TrimEnd('0').TrimEnd('.')
            : text;
    }

    /// <summary>A probability in [0, 1] as a percentage: 0 %, 0.5 %, 2 %, 12.5 %.</summary>
    private static string Percent(double? probability) => probability switch
    {
        null => Dash,
        0 => "0 %",
        var p => FormatNumber(Math.Round(p.Value * 100, p.Value * 100 >= 10 ? 1 : 2)) + " %",
    };

    /// <summary>Seconds below two minutes, minutes above: "0.45 s", "83.7 min", "120 min".</summary>
    private static string Duration(double seconds) =>
        Math.Abs(seconds) < 120 ? $"{FormatNumber(seconds)} s" : $"{FormatNumber(seconds / 60)} min";

    /// <summary>A budget: whole hours as hours ("2 h"), anything else as <see cref="Duration"/>.</summary>
    private static string Budget(double seconds) =>
        seconds >= 3600 && seconds % 3600 == 0 ? $"{FormatNumber(seconds / 3600)} h" : Duration(seconds);

    /// <summary>A time since the campaign start as h:mm:ss.</summary>
    private static string Clock(double seconds)
    {
        var whole = (long)Math.Round(Math.Max(0, seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 3600}:{whole / 60 % 60:00}:{whole % 60:00}");
    }
}
