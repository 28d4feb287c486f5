using YamlDotNet.Core;

namespace Escalator.Model.Yaml;

/// <summary>A node of a <see cref="YamlTape"/>: a scalar, a mapping or a list (an alias is read as the node it names).</summary>
internal readonly struct YamlNode
{
    private readonly YamlTape _tape;
    private readonly int _index;

    public YamlNode(YamlTape tape, int index) => (_tape, _index) = (tape, index);

    internal YamlTape Tape => _tape;

    /// <summary>The node's index in its tape (an alias's is that of the node it names).</summary>
    internal int Index => _index;

    public bool IsScalar => Kind == YamlTape.Kind.Scalar;

    public bool IsMapping => Kind == YamlTape.Kind.Mapping;

    public bool IsList => Kind == YamlTape.Kind.List;

    /// <summary>A scalar's text as written (unquoted); null for a mapping or a list.</summary>
    public string? Text => _tape.Text(_index);

    public ScalarStyle Style => _tape.At(_index).Style;

    public int Line => _tape.At(_index).Line;

    public int Column => _tape.At(_index).Column;

    /// <summary>A mapping's keys and values, in file order.</summary>
    public IEnumerable<(YamlNode Key, YamlNode Value)> Pairs
    {
        get
        {
            for (var i = _index + 1; i < _tape.At(_index).Next;)
            {
                var value = _tape.After(i);
                yield return (_tape.Node(i), _tape.Node(value));
                i = _tape.After(value);
            }
        }
    }

    /// <summary>A list's items, in file order.</summary>
    public IEnumerable<YamlNode> Items
    {
        get
        {
            for (var i = _index + 1; i < _tape.At(_index).Next; i = _tape.After(i)) yield return _tape.Node(i);
        }
    }

    private YamlTape.Kind Kind => _tape.At(_index).Kind;
}
