using Escalator.Model.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Escalator.Model.Yaml;

/// <summary>One YAML file being read: its name for messages, the diagnostics it produces and where each node sits.</summary>
internal sealed class YamlFile
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    private YamlFile(string name, DiagnosticBag bag)
    {
        (Name, Bag) = (name, bag);
        Sources = new SourceMap(name, p => _locations.TryGetValue(p, out var l) ? l : null);
    }

    /// <summary>Where every node read so far was.</summary>
    public SourceMap Sources { get; }

    public string Name { get; }

    public DiagnosticBag Bag { get; }

    /// <summary>Parses <paramref name="text"/>; returns the root mapping, or null after reporting why there is none.</summary>
    public static (YamlFile File, YamlMap? Root) Parse(string name, string text, DiagnosticBag bag, IReadOnlyList<string> rootKeys)
    {
        var file = new YamlFile(name, bag);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
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

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            bag.Error(DiagnosticCodes.MissingKey,
                $"the file is empty; expected a mapping with the keys {string.Join(", ", rootKeys)}",
                new SourceLocation(name, 1, 1), "");
            return (file, null);
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            bag.Error(DiagnosticCodes.Syntax, "expected one YAML document; found a second one ('---')", file.At(second), "");
        }
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode map)
        {
            bag.Error(DiagnosticCodes.WrongType, $"expected a mapping at the top of the file; found {Describe(root)}", file.At(root), "");
            return (file, null);
        }
        return (file, new YamlMap(file, map, ""));
    }

    public SourceLocation At(YamlNode node) => new(Name, (int)node.Start.Line, (int)node.Start.Column);

    public void Remember(string path, YamlNode node) => _locations.TryAdd(path, At(node));

    public void Error(string code, string message, YamlNode node, string path) => Bag.Error(code, message, At(node), path);

    /// <summary>Reports an error at a path that was read before (for cross-references checked after reading).</summary>
    public void ErrorAt(string code, string message, string path) => Bag.Error(code, message, Sources.Locate(path), path);

    public void WarningAt(string code, string message, string path) => Bag.Warning(code, message, Sources.Locate(path), path);

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unknown node",
    };

    private static string Clean(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(i + 3)..] : message;
    }
}
