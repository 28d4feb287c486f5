using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Escalator.Model.Tests.Yaml;

/// <summary>Spells a model as one line per leaf, <c>path = value</c>, so that two models compare structurally.</summary>
/// <remarks>
/// Model records hold <see cref="ImmutableArray{T}"/> and <see cref="ImmutableSortedDictionary{TKey, TValue}"/>, whose
/// equality is by reference, so record equality cannot tell whether a round trip lost anything. This walks public
/// properties of the runtime type (so a <c>Strategy</c> shows its concrete kind), enumerates collections in order and
/// spells doubles exactly ("R"), which makes equal texts mean equal models.
/// </remarks>
internal static class ModelText
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesOf = new();

    public static string Of(object? model)
    {
        var text = new StringBuilder();
        Append(text, "", model);
        return text.ToString();
    }

    /// <summary>Fails with the first line that differs (and its neighbours) when two models are not equal.</summary>
    public static void AssertEqual(object? expected, object? actual, string context)
    {
        var want = Of(expected).Split('\n');
        var got = Of(actual).Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var w = i < want.Length ? want[i] : "<end>";
            var g = i < got.Length ? got[i] : "<end>";
            if (w != g)
            {
                Assert.Fail($"{context}: the models differ at line {i + 1}\n  expected: {w}\n  actual:   {g}");
            }
        }
    }

    private static void Append(StringBuilder text, string path, object? value)
    {
        switch (value)
        {
            case null:
                Line(text, path, "null");
                break;
            case string s:
                Line(text, path, Quote(s));
                break;
            case double d:
                Line(text, path, d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case Enum or bool or int or long or char:
                Line(text, path, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case IEnumerable when IsDefaultImmutableArray(value):
                Line(text, path, "default");
                break;
            case IEnumerable items:
                AppendItems(text, path, items);
                break;
            default:
                AppendObject(text, path, value);
                break;
        }
    }

    private static void AppendItems(StringBuilder text, string path, IEnumerable items)
    {
        var i = 0;
        foreach (var item in items)
        {
            Append(text, $"{path}[{i++}]", item);
        }
        Line(text, path, $"count {i}");
    }

    private static void AppendObject(StringBuilder text, string path, object value)
    {
        var type = value.GetType();
        Line(text, path, type.Name);
        foreach (var property in PropertiesOf.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0)
                     .OrderBy(p => p.Name, StringComparer.Ordinal)]))
        {
            Append(text, $"{path}.{property.Name}", property.GetValue(value));
        }
    }

    private static bool IsDefaultImmutableArray(object value) =>
        value.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
        && (bool)t.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!;

    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    private static void Line(StringBuilder text, string path, string value) =>
        text.Append(path.Length == 0 ? "$" : path).Append(" = ").Append(value).Append('\n');
}
