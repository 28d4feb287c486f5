using System.Globalization;
using Escalator.Model.Software;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Estimates Nova's release from the highest compute API microversion it accepts, since no API call tells the version.</summary>
/// <remarks>
/// Several releases share a maximum microversion (Ussuri and Victoria both stop at 2.87), so the estimate is the oldest
/// release with the cloud's maximum: a lower bound, written as <c>MAJOR.0.0</c> and to be checked by the operator.
/// </remarks>
internal static class NovaReleases
{
    /// <summary>(maximum microversion's minor, Nova's major version, release name), oldest first.</summary>
    private static readonly (int Micro, int Major, string Name)[] Table =
    [
        (53, 16, "Pike"), (60, 17, "Queens"), (65, 18, "Rocky"), (72, 19, "Stein"), (79, 20, "Train"), (87, 21, "Ussuri"),
        (88, 23, "Wallaby"), (90, 24, "Xena"), (93, 26, "Zed"), (95, 27, "2023.1 Antelope"), (96, 29, "2024.1 Caracal"),
        (100, 31, "2025.1 Epoxy"),
    ];

    /// <summary>The release of a maximum microversion such as "2.93", or null when it is not a 2.x version this table reaches.</summary>
    public static (SemVersion Version, string Release)? Estimate(string maxMicroversion)
    {
        var parts = (maxMicroversion ?? "").Split('.');
        if (parts.Length != 2 || parts[0] != "2" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var micro))
        {
            return null;
        }
        var row = Table.LastOrDefault(r => r.Micro <= micro);
        return row.Name is null ? null : (new SemVersion(row.Major, 0, 0), row.Name);
    }
}
