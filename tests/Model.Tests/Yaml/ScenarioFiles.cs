using System.Runtime.CompilerServices;

namespace Escalator.Model.Tests.Yaml;

/// <summary>Finds the repository's scenarios folder from this source file's path (the build does not map paths).</summary>
internal static class ScenarioFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Every YAML file under scenarios/ except the deliberately broken ones, relative to the root.</summary>
    public static IEnumerable<string> All() =>
        Directory.GetFiles(Path("scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("scenarios/broken/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string FindRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { System.IO.Path.GetDirectoryName(source), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = start; !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
            {
                if (Directory.Exists(System.IO.Path.Combine(dir, "scenarios", "ha")))
                {
                    return dir;
                }
            }
        }
        throw new DirectoryNotFoundException($"no scenarios/ha folder above {source} or {AppContext.BaseDirectory}");
    }
}
