using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Escalator.Model.Yaml;

/// <summary>A YAML stream read from the parser's events into one flat array: each scalar, mapping, list and alias is one
/// entry, and a mapping or list knows where its last descendant ends, so readers walk and skip subtrees by index.</summary>
/// <remarks>
/// No object is made per node (YamlDotNet's representation model makes several), which keeps loading a data centre of
/// 10,000 hosts fast and small. It rejects what that model rejected: a key twice in one mapping (YamlDotNet's
/// "Duplicate key" at the second), an alias to no anchor. An alias stands for the node of the last anchor of that name
/// in its document, as in YamlDotNet's model.
/// </remarks>
internal sealed class YamlTape
{
    /// <summary>Mappings with more keys than this check for a repeated key with a set rather than by comparing pairs.</summary>
    private const int SmallMapping = 16;

    private readonly List<int> _documents = [];
    private readonly Dictionary<string, int> _ids = [];
    private readonly List<string> _strings = [];
    private Entry[] _entries;
    private int _count;

    /// <summary>The tags of the few nodes that have one, by index.</summary>
    private Dictionary<int, string>? _tags;

    private YamlTape(int capacity) => _entries = new Entry[Math.Max(capacity, 16)];

    /// <summary>The kind of a node.</summary>
    public enum Kind : byte
    {
        Scalar,
        Mapping,
        List,
        Alias,
    }

    /// <summary>The root of each document, in order.</summary>
    public IReadOnlyList<YamlNode> Documents => [.. _documents.Select(Node)];

    /// <summary>Reads every event of <paramref name="parser"/>.</summary>
    /// <param name="parser">The events to read.</param>
    /// <param name="capacity">How many nodes to make room for at first (the array grows as needed).</param>
    /// <exception cref="YamlException">The text is not valid YAML, has a key twice in a mapping or an alias to no anchor.</exception>
    public static YamlTape Read(IParser parser, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(parser);
        var tape = new YamlTape(capacity);
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var anchors = new Dictionary<string, int>(StringComparer.Ordinal);
            var aliases = new List<int>();
            tape._documents.Add(tape._count);
            tape.ReadNode(parser, anchors, aliases);
            parser.Consume<DocumentEnd>();
            foreach (var i in aliases)
            {
                var alias = tape._entries[i];
                var name = tape.Text(i)!;
                if (!anchors.TryGetValue(name, out var target))
                {
                    throw new AnchorNotFoundException(new Mark(0, alias.Line, alias.Column), new Mark(0, alias.Line, alias.Column),
                        $"the alias *{name} names no anchor (&{name}) of this document");
                }
                tape._entries[i] = alias with { Next = target };
            }
        }
        parser.Consume<StreamEnd>();
        return tape;
    }

    /// <summary>The node at an index, an alias standing for the node it names.</summary>
    public YamlNode Node(int index)
    {
        var e = _entries[index];
        return e.Kind == Kind.Alias ? new YamlNode(this, e.Next) : new YamlNode(this, index);
    }

    internal ref readonly Entry At(int index) => ref _entries[index];

    /// <summary>The text of the scalar (the name of the alias) at an index, or null.</summary>
    internal string? Text(int index) => _entries[index].Text < 0 ? null : _strings[_entries[index].Text];

    /// <summary>The tag of the node at an index, or null.</summary>
    internal string? Tag(int index) => _tags is not null && _tags.TryGetValue(index, out var tag) ? tag : null;

    /// <summary>The index after the node at <paramref name="index"/> and everything in it.</summary>
    internal int After(int index) => _entries[index].Kind == Kind.Alias ? index + 1 : _entries[index].Next;

    private void ReadNode(IParser parser, Dictionary<string, int> anchors, List<int> aliases)
    {
        var index = _count;
        var current = parser.Current ?? throw new InvalidOperationException("the parser ended inside a document");
        var (line, column) = ((int)current.Start.Line, (int)current.Start.Column);
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                Add(new Entry(Kind.Scalar, scalar.Style, line, column, index + 1, Intern(scalar.Value)));
                if (!scalar.Tag.IsEmpty) (_tags ??= [])[index] = scalar.Tag.Value;
                break;
            case AnchorAlias alias:
                parser.MoveNext();
                aliases.Add(index);
                Add(new Entry(Kind.Alias, ScalarStyle.Any, line, column, index + 1, Intern(alias.Value.Value)));
                return;
            case MappingStart:
                parser.MoveNext();
                Add(new Entry(Kind.Mapping, ScalarStyle.Any, line, column, 0, -1));
                HashSet<(int, string?)>? seen = null;
                var keys = 0;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = _count;
                    ReadNode(parser, anchors, aliases);
                    CheckKey(index, key, ++keys, ref seen);
                    ReadNode(parser, anchors, aliases);
                }
                _entries[index] = _entries[index] with { Next = _count };
                break;
            case SequenceStart:
                parser.MoveNext();
                Add(new Entry(Kind.List, ScalarStyle.Any, line, column, 0, -1));
                while (!parser.TryConsume<SequenceEnd>(out _)) ReadNode(parser, anchors, aliases);
                _entries[index] = _entries[index] with { Next = _count };
                break;
            default:
                throw new YamlException(current.Start, current.End, $"did not expect {current.GetType().Name} here");
        }
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored) anchors[anchored.Anchor.Value] = index;
    }

    /// <summary>The number of a text, the same for equal texts: a file repeats its keys and most of its values, so
    /// this keeps one string of each, and entries hold no references for the collector to trace.</summary>
    private int Intern(string text)
    {
        if (_ids.TryGetValue(text, out var id)) return id;
        id = _strings.Count;
        _strings.Add(text);
        _ids.Add(text, id);
        return id;
    }

    private void Add(in Entry entry)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
        _entries[_count++] = entry;
    }

    /// <summary>Rejects a scalar key that the mapping at <paramref name="mapping"/> already has (same text, same tag), as
    /// YamlDotNet's model did: by comparing with the earlier keys while the mapping is small, then with a set of them.</summary>
    private void CheckKey(int mapping, int key, int count, ref HashSet<(int, string?)>? seen)
    {
        var k = _entries[key];
        if (k.Kind != Kind.Scalar) return;
        if (seen is null && count > SmallMapping)
        {
            seen = [];
            for (var i = mapping + 1; i < key; i = After(After(i)))
            {
                if (_entries[i].Kind == Kind.Scalar) seen.Add((_entries[i].Text, Tag(i)));
            }
        }
        var repeated = seen is not null ? !seen.Add((k.Text, Tag(key))) : Earlier(mapping, key, k);
        if (!repeated) return;
        var at = new Mark(0, k.Line, k.Column);
        throw new YamlException(at, at, $"Duplicate key {Text(key)}");
    }

    private bool Earlier(int mapping, int key, in Entry k)
    {
        for (var i = mapping + 1; i < key; i = After(After(i)))
        {
            if (_entries[i].Kind == Kind.Scalar && _entries[i].Text == k.Text && Tag(i) == Tag(key)) return true;
        }
        return false;
    }

    /// <summary>One node: its kind, style (scalars), position, the index after it (an alias: the index of its node),
    /// and the number of its text (a scalar) or name (an alias), -1 for none. Texts and tags are kept apart.</summary>
    internal readonly record struct Entry(Kind Kind, ScalarStyle Style, int Line, int Column, int Next, int Text);
}
