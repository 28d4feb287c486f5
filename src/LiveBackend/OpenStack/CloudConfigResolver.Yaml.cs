using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Escalator.LiveBackend.OpenStack;

public static partial class CloudConfigResolver
{
    /// <summary>Reads the <c>clouds</c> mapping of a clouds.yaml or secure.yaml as nested dictionaries of strings.</summary>
    private static bool ReadClouds(string file, out Dictionary<string, object?> clouds, out string? error)
    {
        clouds = [];
        error = null;
        YamlStream stream = [];
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            error = $"{file}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{file}: cannot be read: {e.Message}";
            return false;
        }
        if (stream.Documents.Count == 0 || Tree(stream.Documents[0].RootNode) is not Dictionary<string, object?> root)
        {
            error = $"{file}: expected a mapping with a 'clouds' key; found {(stream.Documents.Count == 0 ? "an empty file" : "something else")}";
            return false;
        }
        switch (root.GetValueOrDefault("clouds"))
        {
            case Dictionary<string, object?> map:
                clouds = map;
                return true;
            case null when !root.ContainsKey("clouds"):
                error = $"{file}: no 'clouds' key; expected clouds: {{NAME: {{auth: …}}}}";
                return false;
            default:
                error = $"{file}: 'clouds' is not a mapping of cloud names to settings";
                return false;
        }
    }

    /// <summary>A YAML node as plain values: a mapping becomes a dictionary, a sequence a list, a scalar its text.</summary>
    private static object? Tree(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => (kv.Key as YamlScalarNode)?.Value ?? kv.Key.ToString(), kv => Tree(kv.Value), StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(Tree).ToList(),
        YamlScalarNode { Value: "" or "~" or "null", Style: ScalarStyle.Plain } => null,
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    /// <summary>secure.yaml's entry over clouds.yaml's: mappings merge key by key, anything else replaces.</summary>
    private static Dictionary<string, object?> Merge(Dictionary<string, object?> under, Dictionary<string, object?> over)
    {
        var merged = new Dictionary<string, object?>(under, StringComparer.Ordinal);
        foreach (var (key, value) in over)
        {
            merged[key] = merged.GetValueOrDefault(key) is Dictionary<string, object?> a && value is Dictionary<string, object?> b ? Merge(a, b) : value;
        }
        return merged;
    }
}
