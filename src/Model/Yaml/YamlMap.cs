using Escalator.Model.Diagnostics;

namespace Escalator.Model.Yaml;

/// <summary>Reads one YAML mapping key by key, reporting every problem with its position and path.</summary>
/// <remarks>
/// Every key asked for becomes a known key; <see cref="Finish"/> reports the keys nobody asked for as unknown,
/// with the nearest known key as a suggestion. Readers return null (or an empty value) after reporting, so that
/// reading goes on and all problems of a file come out in one run.
/// </remarks>
internal sealed partial class YamlMap
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

    private static bool IsNull(YamlNode node) => YamlFile.IsNull(node);
}