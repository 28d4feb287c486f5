using System.Globalization;

namespace Escalator.Cli.Reports;

/// <summary>Numbers as people read them in a terminal.</summary>
internal static class Human
{
    /// <summary>A duration: <c>57 ms</c>, <c>4.2 s</c>, <c>12m 05s</c>, <c>1h 52m</c>.</summary>
    public static string Seconds(double seconds)
    {
        var s = Math.Abs(seconds);
        var sign = seconds < 0 ? "-" : "";
        if (s == 0) return "0 s";
        if (s < 1) return string.Create(CultureInfo.InvariantCulture, $"{sign}{s * 1000:0.#} ms");
        if (s < 60) return string.Create(CultureInfo.InvariantCulture, $"{sign}{s:0.##} s");
        var whole = (long)Math.Round(s);
        if (whole < 3600) return string.Create(CultureInfo.InvariantCulture, $"{sign}{whole / 60}m {whole % 60:00}s");
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{whole / 3600}h {whole % 3600 / 60:00}m");
    }

    public static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    public static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);
}
