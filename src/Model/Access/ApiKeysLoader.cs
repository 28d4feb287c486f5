using System.Collections.Immutable;
using System.Globalization;
using Escalator.Model.Diagnostics;
using Escalator.Model.Yaml;

namespace Escalator.Model.Access;

/// <summary>Reads the keys file of <c>escalator serve</c>, reporting every problem with its position:
/// <c>keys: [{name: ops, sha256: HEX, roles: [admin], project: ID}]</c>.</summary>
/// <remarks>The file holds hashes only, so reading it discloses no key. Names and hashes are unique; every key has a role.</remarks>
public static class ApiKeysLoader
{
    private static readonly string[] RootKeys = ["keys"];

    public static Loaded<ApiKeyFile> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FileText.Read(path, out var text, out var missing) ? Parse(path, text) : new(null, [missing!], SourceMap.Empty);
    }

    public static Loaded<ApiKeyFile> Parse(string fileName, string text)
    {
        var bag = new DiagnosticBag();
        var (file, root) = YamlFile.Parse(fileName, text, bag, RootKeys);
        if (root is null) return new(null, [.. bag.Sorted()], file.Sources);
        var items = root.Maps("keys", required: true);
        if (root.Has("keys") && items.Count == 0)
        {
            file.ErrorAt(DiagnosticCodes.BadValue, "expected at least one key {name, sha256, roles}; found none", "keys");
        }
        var names = new Names(file, "key");
        var hashes = new Names(file, "the key with SHA-256");
        var keys = new List<ApiKey>();
        foreach (var map in items)
        {
            if (Read(map, names, hashes) is { } key) keys.Add(key);
        }
        root.Finish();
        return new(new ApiKeyFile([.. keys]), [.. bag.Sorted()], file.Sources);
    }

    private static ApiKey? Read(YamlMap map, Names names, Names hashes)
    {
        var name = map.String("name", required: true);
        var hex = map.String("sha256", required: true);
        var roles = map.Strings("roles", required: true);
        var project = map.String("project");
        map.Finish();
        var hash = hex is null ? null : Hash(map, hex);
        if (map.Has("roles") && roles.Count == 0)
        {
            map.File.ErrorAt(DiagnosticCodes.BadValue, "expected at least one role, such as admin or reader; found none", map.Child("roles"));
        }
        if (name is null || hash is null || roles.Count == 0) return null;
        if (!names.Add(name, map.Child("name")) | !hashes.Add(Convert.ToHexStringLower(hash), map.Child("sha256"))) return null;
        return new ApiKey(name, [.. hash], [.. roles.Select(r => r.Value)], project);
    }

    /// <summary>The 32 bytes of a SHA-256 written as 64 hexadecimal digits (either case).</summary>
    /// <remarks>A wrong value is described, never echoed: it may be the secret key itself, pasted by mistake.</remarks>
    private static byte[]? Hash(YamlMap map, string hex)
    {
        var text = hex.Trim();
        var digits = text.All(char.IsAsciiHexDigit);
        if (text.Length == 64 && digits) return Convert.FromHexString(text);
        map.File.ErrorAt(DiagnosticCodes.BadValue, string.Create(CultureInfo.InvariantCulture,
            $"expected the key's SHA-256 as 64 hexadecimal digits (printf %s KEY | sha256sum); found {text.Length} characters{(digits ? "" : ", not all hexadecimal")}"),
            map.Child("sha256"));
        return null;
    }
}
