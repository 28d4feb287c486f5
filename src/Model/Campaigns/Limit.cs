using System.Globalization;

namespace Escalator.Model.Campaigns;

/// <summary>A count written as a number (<c>2</c>) or a share of the hosts in scope (<c>25%</c>).</summary>
public readonly record struct Limit(int Value, bool IsPercent)
{
    /// <summary>The count for <paramref name="total"/> hosts: a percentage rounds down but is never below 1.</summary>
    public int Resolve(int total) => IsPercent ? Math.Max(1, total * Value / 100) : Value;

    public static bool TryParse(string text, out Limit limit)
    {
        limit = default;
        var percent = text.EndsWith('%');
        var digits = percent ? text[..^1] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || (percent && value > 100))
        {
            return false;
        }
        limit = new Limit(value, percent);
        return true;
    }

    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How many hosts may be out of service at once: overall and per rack, zone and site.</summary>
public sealed record FaultDomainLimits(Limit MaxUnavailable, int? PerRack = null, int? PerZone = null, int? PerSite = null)
{
    public static readonly FaultDomainLimits One = new(new Limit(1, false));
}
