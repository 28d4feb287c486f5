using System.Globalization;
using System.Text.Json;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Lenient readers of the fields of OpenStack's JSON answers: a missing field or a JSON null reads as null, and a
/// number sent as text (or text sent as a number) reads as what was meant, as the services are not always consistent.</summary>
internal static class JsonFields
{
    public static JsonElement? Field(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? v : null;

    public static string? Str(this JsonElement e, string name) => e.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    public static long? Long(this JsonElement e, string name) => e.Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.Number } v => (long)v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    public static double? Double(this JsonElement e, string name) => e.Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static bool? Bool(this JsonElement e, string name) => e.Field(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } v => v.GetString()?.ToLowerInvariant() is "true" or "1" or "yes",
        _ => null,
    };

    /// <summary>The elements of an array field; none when it is missing or not an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Field(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    /// <summary>A time as the services write it: ISO 8601, with or without a zone (Nova writes UTC without one) or fraction.</summary>
    public static DateTimeOffset? Time(this JsonElement e, string name) =>
        e.Str(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
