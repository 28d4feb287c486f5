using System.Globalization;
using Escalator.Model.Diagnostics;

namespace Escalator.Model.Yaml;

/// <summary>Reads one YAML mapping key by key, reporting every problem with its position and path.</summary>
/// <remarks>
/// Every key asked for becomes a known key; <see cref="Finish"/> reports the keys nobody asked for as unknown,
/// with the nearest known key as a suggestion. Readers return null (or an empty value) after reporting, so that
/// reading goes on and all problems of a file come out in one run.
/// </remarks>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlMap(YamlFile file, YamlNode node, string path)
    {
        (File, Node, Path) = (file, node, path);
        foreach (var (key, value) in node.Pairs)
        {
            if (key is not { IsScalar: true, Text: { } name })
            {
                file.Error(DiagnosticCodes.WrongType, $"expected a plain key; found {YamlFile.Describe(key)}", key, path);
                continue;
            }
            if (!_entries.TryAdd(name, (key, value)))
            {
                file.Error(DiagnosticCodes.DuplicateKey, $"the key '{name}' appears twice", key, Child(name));
            }
        }
    }

    public YamlFile File { get; }

    public YamlNode Node { get; }

    public string Path { get; }

    public IEnumerable<string> Keys => _entries.Keys;

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the key is present with a value other than null.</summary>
    public bool Has(string key)
    {
        _known.Add(key);
        return _entries.TryGetValue(key, out var e) && !IsNull(e.Value);
    }

    /// <summary>The raw node of a key, or null when absent (reporting it when required).</summary>
    public YamlNode? Raw(string key, bool required = false, string? expected = null)
    {
        _known.Add(key);
        if (_entries.TryGetValue(key, out var e) && !IsNull(e.Value))
        {
            return e.Value;
        }
        if (required)
        {
            File.Error(DiagnosticCodes.MissingKey,
                $"the key '{key}' is required{(expected is null ? "" : $" ({expected})")}; it is missing",
                _entries.TryGetValue(key, out var present) ? present.Value : Node, Child(key));
        }
        return null;
    }

    public string? String(string key, bool required = false)
    {
        return Raw(key, required, "a string") is { } node ? Scalar(node, Child(key), "a string") : null;
    }

    public int? Int(string key, bool required = false, int min = int.MinValue)
    {
        var raw = Raw(key, required, "a whole number");
        if (raw is not { } node || Scalar(node, Child(key), "a whole number") is not { } text)
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
        if (raw is not { } node || Scalar(node, Child(key), "a number") is not { } text)
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
        if (raw is not { } node || Scalar(node, Child(key), "true or false") is not { } text)
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
        if (raw is not { } node || Scalar(node, Child(key), "a duration") is not { } text)
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
        return Raw(key, required, $"one of {string.Join(", ", choices.Keys)}") is { } node ? ChoiceOf(node, Child(key), choices) : null;
    }

    public T? ChoiceOf<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        if (Scalar(node, path, $"one of {string.Join(", ", choices.Keys)}") is not { } text)
        {
            return null;
        }
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }
        File.Error(DiagnosticCodes.BadValue,
            $"expected one of {string.Join(", ", choices.Keys)}; found '{text}'{Suggestions.Hint(text, choices.Keys)}", node, path);
        return null;
    }

    public YamlMap? Map(string key, bool required = false)
    {
        return Raw(key, required, "a mapping") is { } node ? AsMap(node, Child(key)) : null;
    }

    public YamlMap? AsMap(YamlNode node, string path)
    {
        if (node.IsMapping)
        {
            return new YamlMap(File, node, path);
        }
        File.Error(DiagnosticCodes.WrongType, $"expected a mapping; found {YamlFile.Describe(node)}", node, path);
        return null;
    }

    /// <summary>The items of a list with their paths; a missing list is empty.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)> List(string key, bool required = false)
    {
        var node = Raw(key, required, "a list");
        switch (node)
        {
            case null:
                return [];
            case { IsList: true } list:
                var items = new List<(YamlNode, string)>();
                foreach (var item in list.Items) items.Add((item, $"{Child(key)}[{items.Count}]"));
                return items;
            default:
                File.Error(DiagnosticCodes.WrongType, $"expected a list; found {YamlFile.Describe(node.Value)}", node.Value, Child(key));
                return [];
        }
    }

    /// <summary>The maps of a list of mappings, reporting items that are not mappings.</summary>
    public IReadOnlyList<YamlMap> Maps(string key, bool required = false) =>
        [.. List(key, required).Select(i => AsMap(i.Node, i.Path)).OfType<YamlMap>()];

    /// <summary>A list of strings; a single string stands for a list of one.</summary>
    public IReadOnlyList<(string Value, string Path)> Strings(string key, bool required = false)
    {
        var node = Raw(key, required, "a list of strings");
        if (node is { IsScalar: true } scalar)
        {
            return Scalar(scalar, Child(key), "a string") is { } single ? [(single, Child(key))] : [];
        }
        return [.. List(key).Select(i => (Value: Scalar(i.Node, i.Path, "a string"), i.Path))
                            .Where(i => i.Value is not null).Select(i => (i.Value!, i.Path))];
    }

    /// <summary>A mapping from strings to strings, in file order.</summary>
    public IReadOnlyList<(string Key, string Value, string Path)> StringMap(string key)
    {
        var map = Map(key);
        if (map is null)
        {
            return [];
        }
        var result = new List<(string, string, string)>();
        foreach (var name in map.Keys.ToList())
        {
            if (map.String(name) is { } value)
            {
                result.Add((name, value, map.Child(name)));
            }
        }
        map.Finish();
        return result;
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

    /// <summary>Reports a key that Escalator no longer reads, saying what replaced it.</summary>
    public void Retired(string key, string instead)
    {
        if (!_entries.Remove(key, out var e)) return;
        File.Error(DiagnosticCodes.UnknownKey, $"the key '{key}' is no longer read: {instead}", e.Key, Child(key));
    }

    /// <summary>Reports every key that no reader asked for, suggesting the nearest known one.</summary>
    public void Finish()
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (!_known.Contains(name))
            {
                File.Error(DiagnosticCodes.UnknownKey,
                    $"unknown key '{name}'{Suggestions.Hint(name, _known)} (expected one of {string.Join(", ", _known)})",
                    key, Child(name));
            }
        }
    }

    private bool Minimum<TNumber>(TNumber value, TNumber min, YamlNode node, string key) where TNumber : IComparable<TNumber>
    {
        if (value.CompareTo(min) >= 0)
        {
            return true;
        }
        File.Error(DiagnosticCodes.BadValue, $"expected a value of at least {min}; found {value}", node, Child(key));
        return false;
    }

    private static bool IsNull(YamlNode node) => YamlFile.IsNull(node);
}
