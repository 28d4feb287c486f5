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

    private readonly List<Entry> _entries = [];
    private readonly List<int> _documents = [];

    private YamlTape()
    {
    }

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
    /// <exception cref="YamlException">The text is not valid YAML, has a key twice in a mapping or an alias to no anchor.</exception>
    public static YamlTape Read(IParser parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        var tape = new YamlTape();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var anchors = new Dictionary<string, int>(StringComparer.Ordinal);
            var aliases = new List<int>();
            tape._documents.Add(tape._entries.Count);
            tape.ReadNode(parser, anchors, aliases);
            parser.Consume<DocumentEnd>();
            foreach (var i in aliases)
            {
                var alias = tape._entries[i];
                if (!anchors.TryGetValue(alias.Value!, out var target))
                {
                    throw new AnchorNotFoundException(new Mark(0, alias.Line, alias.Column), new Mark(0, alias.Line, alias.Column),
                        $"the alias *{alias.Value} names no anchor (&{alias.Value}) of this document");
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

    internal Entry At(int index) => _entries[index];

    /// <summary>The index after the node at <paramref name="index"/> and everything in it.</summary>
    internal int After(int index) => _entries[index].Kind == Kind.Alias ? index + 1 : _entries[index].Next;

    private void ReadNode(IParser parser, Dictionary<string, int> anchors, List<int> aliases)
    {
        var index = _entries.Count;
        var current = parser.Current ?? throw new InvalidOperationException("the parser ended inside a document");
        var (line, column) = ((int)current.Start.Line, (int)current.Start.Column);
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                _entries.Add(new Entry(Kind.Scalar, scalar.Style, line, column, index + 1, scalar.Value, scalar.Tag.IsEmpty ? null : scalar.Tag.Value));
                break;
            case AnchorAlias alias:
                parser.MoveNext();
                aliases.Add(index);
                _entries.Add(new Entry(Kind.Alias, ScalarStyle.Any, line, column, index + 1, alias.Value.Value, null));
                return;
            case MappingStart:
                parser.MoveNext();
                _entries.Add(new Entry(Kind.Mapping, ScalarStyle.Any, line, column, 0, null, null));
                HashSet<(string?, string?)>? seen = null;
                var keys = 0;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = _entries.Count;
                    ReadNode(parser, anchors, aliases);
                    CheckKey(index, key, ++keys, ref seen);
                    ReadNode(parser, anchors, aliases);
                }
                _entries[index] = _entries[index] with { Next = _entries.Count };
                break;
            case SequenceStart:
                parser.MoveNext();
                _entries.Add(new Entry(Kind.List, ScalarStyle.Any, line, column, 0, null, null));
                while (!parser.TryConsume<SequenceEnd>(out _)) ReadNode(parser, anchors, aliases);
                _entries[index] = _entries[index] with { Next = _entries.Count };
                break;
            default:
                throw new YamlException(current.Start, current.End, $"did not expect {current.GetType().Name} here");
        }
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored) anchors[anchored.Anchor.Value] = index;
    }

    /// <summary>Rejects a scalar key that the mapping at <paramref name="mapping"/> already has (same text, same tag), as
    /// YamlDotNet's model did: by comparing with the earlier keys while the mapping is small, then with a set of them.</summary>
    private void CheckKey(int mapping, int key, int count, ref HashSet<(string?, string?)>? seen)
    {
        var k = _entries[key];
        if (k.Kind != Kind.Scalar) return;
        if (seen is null && count > SmallMapping)
        {
            seen = [];
            for (var i = mapping + 1; i < key; i = After(After(i)))
            {
                if (_entries[i].Kind == Kind.Scalar) seen.Add((_entries[i].Value, _entries[i].Tag));
            }
        }
        var repeated = seen is not null ? !seen.Add((k.Value, k.Tag)) : Earlier(mapping, key, k);
        if (!repeated) return;
        var at = new Mark(0, k.Line, k.Column);
        throw new YamlException(at, at, $"Duplicate key {k.Value}");
    }

    private bool Earlier(int mapping, int key, Entry k)
    {
        for (var i = mapping + 1; i < key; i = After(After(i)))
        {
            if (_entries[i].Kind == Kind.Scalar && _entries[i].Value == k.Value && _entries[i].Tag == k.Tag) return true;
        }
        return false;
    }

    /// <summary>One node: its kind, style (scalars), position, the index after it (an alias: the index of its node),
    /// its text (a scalar) or name (an alias), and its tag.</summary>
    internal readonly record struct Entry(Kind Kind, ScalarStyle Style, int Line, int Column, int Next, string? Value, string? Tag);
}
