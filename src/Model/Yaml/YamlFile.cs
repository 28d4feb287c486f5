using Escalator.Model.Diagnostics;
using System.Globalization;
using YamlDotNet.Core;

namespace Escalator.Model.Yaml;

/// <summary>One YAML file being read: its name for messages, the diagnostics it produces and where each node sits.</summary>
/// <remarks>The file is read from the parser's events into a <see cref="YamlTape"/>; a node's position is looked up by
/// its path only when a message or a report asks for it.</remarks>
internal sealed class YamlFile
{
    private YamlNode? _root;

    /// <summary>The items of each list a path has gone through, by the list's index, so that locating the messages of a
    /// long list does not walk it once per message.</summary>
    private readonly Dictionary<int, List<YamlNode>> _items = [];

    private YamlFile(string name, DiagnosticBag bag)
    {
        (Name, Bag) = (name, bag);
        Sources = new SourceMap(name, p => Find(p) is { } node ? At(node) : null);
    }

    /// <summary>Where each node of the file is, by path.</summary>
    public SourceMap Sources { get; }

    public string Name { get; }

    public DiagnosticBag Bag { get; }

    /// <summary>Parses <paramref name="text"/>; returns the root mapping, or null after reporting why there is none.</summary>
    public static (YamlFile File, YamlMap? Root) Parse(string name, string text, DiagnosticBag bag, IReadOnlyList<string> rootKeys)
    {
        var file = new YamlFile(name, bag);
        var parser = new Parser(new StringReader(text));
        YamlTape tape;
        try
        {
            // About one node per eight characters in a topology: room enough that the array rarely grows.
            tape = YamlTape.Read(parser, text.Length / 8);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var code = message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
                ? DiagnosticCodes.DuplicateKey : DiagnosticCodes.Syntax;
            bag.Error(code, $"the file is not valid YAML: {Clean(message)}",
                new SourceLocation(name, (int)e.Start.Line, (int)e.Start.Column), "");
            return (file, null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16 throws these instead of a YamlException on some malformed input (a flow list or mapping
            // left open across lines, a key with no name); the last event it read is the best position there is.
            var at = parser.Current?.End ?? Mark.Empty;
            bag.Error(DiagnosticCodes.Syntax,
                $"the file is not valid YAML: cannot read on after line {at.Line}, column {at.Column}; look there for a '[' or '{{' that is not closed or a key with no name",
                new SourceLocation(name, (int)at.Line, (int)at.Column), "");
            return (file, null);
        }

        var documents = tape.Documents;
        if (documents.Count == 0 || documents[0] is { IsScalar: true, Text: null or "" })
        {
            bag.Error(DiagnosticCodes.MissingKey,
                $"the file is empty; expected a mapping with the keys {string.Join(", ", rootKeys)}",
                new SourceLocation(name, 1, 1), "");
            return (file, null);
        }
        if (documents.Count > 1)
        {
            bag.Error(DiagnosticCodes.Syntax, "expected one YAML document; found a second one ('---')", file.At(documents[1]), "");
        }
        var root = documents[0];
        if (!root.IsMapping)
        {
            bag.Error(DiagnosticCodes.WrongType, $"expected a mapping at the top of the file; found {Describe(root)}", file.At(root), "");
            return (file, null);
        }
        file._root = root;
        return (file, new YamlMap(file, root, ""));
    }

    public SourceLocation At(YamlNode node) => new(Name, node.Line, node.Column);

    public void Error(string code, string message, YamlNode node, string path) => Bag.Error(code, message, At(node), path);

    /// <summary>Reports an error at a path that was read before (for cross-references checked after reading).</summary>
    public void ErrorAt(string code, string message, string path) => Bag.Error(code, message, Sources.Locate(path), path);

    public void WarningAt(string code, string message, string path) => Bag.Warning(code, message, Sources.Locate(path), path);

    public static string Describe(YamlNode node) => node switch
    {
        { IsMapping: true } => "a mapping",
        { IsList: true } => "a list",
        { Text: null or "" or "~" or "null" } => "nothing",
        _ => $"'{node.Text}'",
    };

    /// <summary>Whether a node stands for no value: a plain (unquoted) empty, <c>~</c> or <c>null</c> scalar.</summary>
    public static bool IsNull(YamlNode node) =>
        node.IsScalar && node.Style is not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) && node.Text is null or "" or "~" or "null";

    /// <summary>The node at a path such as <c>vnfs[3].instances[0].host</c>, or null when there is none (a key whose value
    /// is null counts as none, as a reader finds no value there).</summary>
    /// <remarks>A key may itself hold dots or brackets: at each mapping the longest key that the rest of the path starts
    /// with is taken, the first of that name in the file.</remarks>
    private YamlNode? Find(string path)
    {
        if (_root is not { } node) return null;
        var rest = path.AsSpan();
        while (!rest.IsEmpty)
        {
            if (rest[0] == '[')
            {
                var close = rest.IndexOf(']');
                if (!node.IsList || close < 0 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
                if (!_items.TryGetValue(node.Index, out var items)) _items[node.Index] = items = [.. node.Items];
                if (n >= items.Count) return null;
                node = items[n];
                rest = rest[(close + 1)..];
            }
            else
            {
                if (!node.IsMapping) return null;
                YamlNode? value = null;
                var length = 0;
                foreach (var (key, v) in node.Pairs)
                {
                    if (key.Text is { } k && k.Length > length && rest.StartsWith(k, StringComparison.Ordinal)
                        && (rest.Length == k.Length || rest[k.Length] is '.' or '['))
                    {
                        (value, length) = (v, k.Length);
                    }
                }
                if (value is not { } found || (rest.Length == length && IsNull(found))) return null;
                node = found;
                rest = rest[length..];
            }
            if (!rest.IsEmpty && rest[0] == '.') rest = rest[1..];
        }
        return node;
    }

    private static string Clean(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(i + 3)..] : message;
    }
}
