using System.Globalization;
using Escalator.Model.Diagnostics;

namespace Escalator.Model.Yaml;

/// <summary>Scalar values of a mapping's keys: strings, numbers, durations, choices.</summary>
internal sealed partial class YamlMap
{
    public string? String(string key, bool required = false)
    {
        return Raw(key, required, "a string") is { } node ? ScalarOf(node, key, "a string") : null;
    }

    public int? Int(string key, bool required = false, int min = int.MinValue)
    {
        var raw = Raw(key, required, "a whole number");
        if (raw is not { } node || ScalarOf(node, key, "a whole number") is not { } text)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            File.Error(DiagnosticCodes.WrongType, $"expected a whole number; found '{text}'", node, Child(key));
            return null;
        }
        return Minimum(value, min, node, key) ? value : null;
    }

    public double? Number(string key, bool required = false, double min = double.MinValue)
    {
        var raw = Raw(key, required, "a number");
        if (raw is not { } node || ScalarOf(node, key, "a number") is not { } text)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            File.Error(DiagnosticCodes.WrongType, $"expected a number; found '{text}'", node, Child(key));
            return null;
        }
        return Minimum(value, min, node, key) ? value : null;
    }

    public bool? Bool(string key, bool required = false)
    {
        var raw = Raw(key, required, "true or false");
        if (raw is not { } node || ScalarOf(node, key, "true or false") is not { } text)
        {
            return null;
        }
        switch (text)
        {
            case "true": return true;
            case "false": return false;
            default:
                File.Error(DiagnosticCodes.WrongType, $"expected true or false; found '{text}'", node, Child(key));
                return null;
        }
    }

    /// <summary>A duration in seconds: a number of seconds or a string such as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
    public double? Duration(string key, bool required = false)
    {
        var raw = Raw(key, required, "a duration such as 30s, 5m or 1h30m");
        if (raw is not { } node || ScalarOf(node, key, "a duration") is not { } text)
        {
            return null;
        }
        if (Durations.TryParse(text, out var seconds))
        {
            return seconds;
        }
        File.Error(DiagnosticCodes.BadValue,
            $"expected a duration such as 500ms, 30s, 5m or 1h30m (or a number of seconds); found '{text}'", node, Child(key));
        return null;
    }

    /// <summary>One of a fixed set of spellings, mapped to a value.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, bool required = false) where T : struct
    {
        var node = Raw(key);
        if (node is null && required) Raw(key, required, $"one of {string.Join(", ", choices.Keys)}");
        return node is { } n ? Chosen(n, key, null, choices) : null;
    }

    public T? ChoiceOf<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> choices) where T : struct =>
        Chosen(node, null, path, choices);

    /// <summary>The choice a scalar names; its path is the child <paramref name="key"/>, or <paramref name="path"/>.</summary>
    private T? Chosen<T>(YamlNode node, string? key, string? path, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        if (IsNull(node) || node is not { IsScalar: true, Text: { } text })
        {
            File.Error(DiagnosticCodes.WrongType, $"expected one of {string.Join(", ", choices.Keys)}; found {YamlFile.Describe(node)}",
                node, path ?? Child(key!));
            return null;
        }
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }
        File.Error(DiagnosticCodes.BadValue,
            $"expected one of {string.Join(", ", choices.Keys)}; found '{text}'{Suggestions.Hint(text, choices.Keys)}", node, path ?? Child(key!));
        return null;
    }

    public string? Scalar(YamlNode node, string path, string expected)
    {
        if (node is { IsScalar: true, Text: { } value } && !IsNull(node))
        {
            return value;
        }
        File.Error(DiagnosticCodes.WrongType, $"expected {expected}; found {YamlFile.Describe(node)}", node, path);
        return null;
    }

    /// <summary>A scalar's text, or null after reporting that the value at the child <paramref name="key"/> is not one.</summary>
    private string? ScalarOf(YamlNode node, string key, string expected) => Scalar(node, Child(key), expected);

    private bool Minimum<TNumber>(TNumber value, TNumber min, YamlNode node, string key) where TNumber : IComparable<TNumber>
    {
        if (value.CompareTo(min) >= 0)
        {
            return true;
        }
        File.Error(DiagnosticCodes.BadValue, $"expected a value of at least {min}; found {value}", node, Child(key));
        return false;
    }
}
