namespace Escalator.Cli.Tests;

/// <summary>Compares output with a golden file in tests/Cli.Tests/Golden.</summary>
/// <remarks>Set ESCALATOR_UPDATE_GOLDEN=1 to rewrite the files; read the difference (git diff) before committing it.</remarks>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = Repo.Path("tests", "Cli.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("ESCALATOR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"no golden file {path}; run the tests with ESCALATOR_UPDATE_GOLDEN=1 once and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
