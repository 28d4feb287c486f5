using System.Reflection;

namespace Escalator.Benchmarks;

/// <summary>Finds the repository's root folder, wherever the build put the benchmark assembly.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "Escalator.sln";

    /// <summary>The nearest folder at or above <see cref="AppContext.BaseDirectory"/> that holds <c>Escalator.sln</c>;
    /// failing that (a build with <c>--artifacts-path</c> outside the tree), the root the assembly was built from.</summary>
    /// <exception cref="InvalidOperationException">Neither holds <c>Escalator.sln</c>.</exception>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }
        var built = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, Marker)))
        {
            return built;
        }
        throw new InvalidOperationException(
            $"No {Marker} in {AppContext.BaseDirectory} or any folder above it, nor in the root the benchmarks were built from ({built ?? "not recorded"}).");
    }
}
