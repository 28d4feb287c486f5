using Escalator.Model.Diagnostics;
using Escalator.Model.Software;

namespace Escalator.Model.Yaml;

/// <summary>Reads semantic versions from YAML, reporting what is not one.</summary>
internal static class Versions
{
    public static SemVersion? Parse(YamlFile file, string text, string path)
    {
        if (SemVersion.TryParse(text, out var v))
        {
            return v;
        }
        file.ErrorAt(DiagnosticCodes.NotSemantic,
            $"expected a semantic version MAJOR.MINOR.PATCH such as 27.1.0; found '{text}'", path);
        return null;
    }
}
