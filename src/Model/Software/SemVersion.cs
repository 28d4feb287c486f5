using System.Globalization;
using System.Text.RegularExpressions;

namespace Escalator.Model.Software;

/// <summary>A semantic version MAJOR.MINOR.PATCH with an optional pre-release, ordered as semver.org 2.0 says.</summary>
/// <remarks>Build metadata (<c>+…</c>) is kept for display and ignored in ordering, as the specification requires.</remarks>
public readonly partial record struct SemVersion(int Major, int Minor, int Patch, string Prerelease = "", string Build = "")
    : IComparable<SemVersion>
{
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out SemVersion version)
    {
        version = default;
        var m = Pattern().Match(text ?? "");
        if (!m.Success
            || !int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(m.Groups[3].Value, CultureInfo.InvariantCulture, out var patch))
        {
            return false;
        }
        version = new SemVersion(major, minor, patch, m.Groups[4].Value, m.Groups[5].Value);
        return true;
    }

    public static SemVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a semantic version MAJOR.MINOR.PATCH");

    public int CompareTo(SemVersion other)
    {
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        return c != 0 ? c : ComparePrerelease(Prerelease, other.Prerelease);
    }

    public static bool operator <(SemVersion a, SemVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(SemVersion a, SemVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(SemVersion a, SemVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(SemVersion a, SemVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}{(Prerelease.Length > 0 ? "-" + Prerelease : "")}{(Build.Length > 0 ? "+" + Build : "")}";

    private static int ComparePrerelease(string a, string b)
    {
        if (a == b) return 0;
        if (a.Length == 0) return 1;
        if (b.Length == 0) return -1;
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            // Numeric identifiers are all digits without leading zeros: longer is larger, and any length is allowed.
            var c = (Numeric(x[i]), Numeric(y[i])) switch
            {
                (true, true) => x[i].Length != y[i].Length ? x[i].Length.CompareTo(y[i].Length) : string.CompareOrdinal(x[i], y[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x[i], y[i]),
            };
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);

        static bool Numeric(string identifier) => identifier.Length > 0 && identifier.All(char.IsAsciiDigit);
    }
}
