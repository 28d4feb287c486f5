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
    /// <summary>Mappings with more pairs than this find a key through a dictionary built once rather than by a scan.</summary>
    private const int SmallMap = 8;

    private readonly YamlTape _tape;
    private readonly int _start;
    private readonly int _end;
    private readonly int _pairs;
    private readonly string? _list;
    private readonly int _item;
    private string? _path;

    /// <summary>Each key's first index, for a large mapping only.</summary>
    private readonly Dictionary<string, int>? _first;

    /// <summary>The keys asked for, in the order first asked: the first <see cref="_knownCount"/>.</summary>
    private string[]? _known;
    private int _knownCount;

    private List<string>? _retired;

    public YamlMap(YamlFile file, YamlNode node, string path)
        : this(file, node, path, null, 0)
    {
    }

    /// <summary>A mapping at <paramref name="path"/>, or item <paramref name="item"/> of the list at
    /// <paramref name="list"/>, whose path is then made only when a message or a reader asks for it.</summary>
    private YamlMap(YamlFile file, YamlNode node, string? path, string? list, int item)
    {
        (File, Node, _path, _list, _item) = (file, node, path, list, item);
        (_tape, _start, _end) = (node.Tape, node.Index + 1, node.Tape.At(node.Index).Next);
        for (var k = _start; k < _end; k = _tape.After(_tape.After(k))) _pairs++;
        if (_pairs > SmallMap)
        {
            _first = new Dictionary<string, int>(_pairs, StringComparer.Ordinal);
            for (var k = _start; k < _end; k = _tape.After(_tape.After(k)))
            {
                if (KeyText(k) is { } name) _first.TryAdd(name, k);
            }
        }
        CheckKeys();
    }

    public YamlFile File { get; }

    public YamlNode Node { get; }

    public string Path => _path ??= $"{_list}[{_item}]";

    /// <summary>The keys in file order, each once.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            for (var k = _start; k < _end; k = _tape.After(_tape.After(k)))
            {
                if (KeyText(k) is { } name && IsFirst(k, name) && !IsRetired(name)) yield return name;
            }
        }
    }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the key is present with a value other than null.</summary>
    public bool Has(string key)
    {
        Know(key);
        return Find(key) is { } value && !IsNull(value);
    }

    /// <summary>The raw node of a key, or null when absent (reporting it when required).</summary>
    public YamlNode? Raw(string key, bool required = false, string? expected = null)
    {
        Know(key);
        var value = Find(key);
        if (value is { } v && !IsNull(v))
        {
            return v;
        }
        if (required)
        {
            File.Error(DiagnosticCodes.MissingKey,
                $"the key '{key}' is required{(expected is null ? "" : $" ({expected})")}; it is missing", value ?? Node, Child(key));
        }
        return null;
    }

    /// <summary>Reports a key that is not a plain scalar, and a key written twice (with different tags, as the tape
    /// rejects the same key twice), as the reader of the mapping would have met them.</summary>
    private void CheckKeys()
    {
        for (var k = _start; k < _end; k = _tape.After(_tape.After(k)))
        {
            var key = _tape.Node(k);
            if (KeyText(k) is not { } name)
            {
                File.Error(DiagnosticCodes.WrongType, $"expected a plain key; found {YamlFile.Describe(key)}", key, Path);
            }
            else if (!IsFirst(k, name))
            {
                File.Error(DiagnosticCodes.DuplicateKey, $"the key '{name}' appears twice", key, Child(name));
            }
        }
    }

    /// <summary>The value of the first key of that name, or null when there is none.</summary>
    private YamlNode? Find(string key)
    {
        if (_retired is not null && _retired.Contains(key)) return null;
        if (_first is not null) return _first.TryGetValue(key, out var at) ? _tape.Node(_tape.After(at)) : null;
        for (var k = _start; k < _end; k = _tape.After(_tape.After(k)))
        {
            if (KeyText(k) == key) return _tape.Node(_tape.After(k));
        }
        return null;
    }

    private string? KeyText(int index) => _tape.Node(index) is { IsScalar: true, Text: { } name } ? name : null;

    private bool IsFirst(int index, string name)
    {
        if (_first is not null) return _first[name] == index;
        for (var k = _start; k < index; k = _tape.After(_tape.After(k)))
        {
            if (KeyText(k) == name) return false;
        }
        return true;
    }

    private bool IsRetired(string name) => _retired is not null && _retired.Contains(name);

    private void Know(string key)
    {
        _known ??= new string[SmallMap];
        if (Known.Contains(key)) return;
        if (_knownCount == _known.Length) Array.Resize(ref _known, _known.Length * 2);
        _known[_knownCount++] = key;
    }

    private ReadOnlySpan<string> Known => _known.AsSpan(0, _knownCount);

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
        if (ListOf(key, required) is not { } list) return [];
        var path = Child(key);
        var items = new List<(YamlNode, string)>();
        foreach (var item in list.Items) items.Add((item, $"{path}[{items.Count}]"));
        return items;
    }

    /// <summary>The maps of a list of mappings, reporting items that are not mappings.</summary>
    public IReadOnlyList<YamlMap> Maps(string key, bool required = false)
    {
        if (ListOf(key, required) is not { } list) return [];
        var path = Child(key);
        var maps = new List<YamlMap>();
        var i = 0;
        foreach (var item in list.Items)
        {
            if (item.IsMapping) maps.Add(new YamlMap(File, item, null, path, i));
            else File.Error(DiagnosticCodes.WrongType, $"expected a mapping; found {YamlFile.Describe(item)}", item, $"{path}[{i}]");
            i++;
        }
        return maps;
    }

    /// <summary>A list of strings; a single string stands for a list of one.</summary>
    public IReadOnlyList<(string Value, string Path)> Strings(string key, bool required = false)
    {
        var node = Raw(key, required, "a list of strings");
        if (node is { IsScalar: true } scalar)
        {
            return ScalarOf(scalar, key, "a string") is { } single ? [(single, Child(key))] : [];
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
        if (IsRetired(key) || Find(key) is null) return;
        var at = KeyOf(key);
        (_retired ??= []).Add(key);
        File.Error(DiagnosticCodes.UnknownKey, $"the key '{key}' is no longer read: {instead}", at, Child(key));
    }

    /// <summary>Reports every key that no reader asked for, suggesting the nearest known one.</summary>
    public void Finish()
    {
        for (var k = _start; k < _end; k = _tape.After(_tape.After(k)))
        {
            if (KeyText(k) is not { } name || !IsFirst(k, name) || IsRetired(name) || Known.Contains(name))
            {
                continue;
            }
            var known = Known.ToArray();
            File.Error(DiagnosticCodes.UnknownKey,
                $"unknown key '{name}'{Suggestions.Hint(name, known)} (expected one of {string.Join(", ", known)})",
                _tape.Node(k), Child(name));
        }
    }

    /// <summary>The first key node of that name (which must be present).</summary>
    private YamlNode KeyOf(string key)
    {
        if (_first is not null) return _tape.Node(_first[key]);
        var k = _start;
        while (KeyText(k) != key) k = _tape.After(_tape.After(k));
        return _tape.Node(k);
    }

    /// <summary>The list at a key, or null when absent (reported when required) or not a list (reported).</summary>
    private YamlNode? ListOf(string key, bool required)
    {
        var node = Raw(key, required, "a list");
        switch (node)
        {
            case null:
                return null;
            case { IsList: true } list:
                return list;
            default:
                File.Error(DiagnosticCodes.WrongType, $"expected a list; found {YamlFile.Describe(node.Value)}", node.Value, Child(key));
                return null;
        }
    }

    /// <summary>A scalar's text, or null after reporting that the value at the child <paramref name="key"/> is not one.</summary>
    private string? ScalarOf(YamlNode node, string key, string expected)
    {
        if (node is { IsScalar: true, Text: { } value } && !IsNull(node))
        {
            return value;
        }
        File.Error(DiagnosticCodes.WrongType, $"expected {expected}; found {YamlFile.Describe(node)}", node, Child(key));
        return null;
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
