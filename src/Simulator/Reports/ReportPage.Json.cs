using System.Text.Json;

namespace Escalator.Simulator.Reports;

// Tolerant readers of the report JSON: an absent, null or mistyped optional field reads as null.
public static partial class ReportPage
{
    private static double? Number(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    private static double? Stat(JsonElement parent, string name, string statistic) =>
        Child(parent, name) is { } stats ? Number(stats, statistic) : null;

    /// <summary>A string as it is, a number or boolean as its JSON text.</summary>
    private static string? Text(JsonElement parent, string name) => Property(parent, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };

    private static bool? Flag(JsonElement parent, string name) => Property(parent, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>An object-valued property.</summary>
    private static JsonElement? Child(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>The items of an array-valued property; none when it is absent or not an array.</summary>
    private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static JsonElement? Property(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : null;
}
