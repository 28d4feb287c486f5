using Escalator.Model.Diagnostics;

namespace Escalator.Model.Yaml;

/// <summary>Checks that names of one kind are unique in a file, pointing at the first use on a repeat.</summary>
internal sealed class Names(YamlFile file, string kind)
{
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    public bool Add(string name, string path)
    {
        if (name.Length == 0) return false;
        if (_seen.TryAdd(name, path)) return true;
        file.ErrorAt(DiagnosticCodes.DuplicateName,
            $"{kind} '{name}' is defined twice; the first is at {file.Sources.Locate(_seen[name])}", path);
        return false;
    }
}
