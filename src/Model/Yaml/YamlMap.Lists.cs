using Escalator.Model.Diagnostics;

namespace Escalator.Model.Yaml;

/// <summary>Nested mappings and lists of a mapping's keys.</summary>
internal sealed partial class YamlMap
{
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
}
