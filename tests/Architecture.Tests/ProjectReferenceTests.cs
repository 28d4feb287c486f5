using System.Xml.Linq;

namespace Escalator.Architecture.Tests;

/// <summary>The data flows one way (DESIGN.md): each project under <c>src/</c> references only the projects stated here,
/// both in its project file and in what its compiled assembly uses. Benchmarks and tests may reference anything.</summary>
/// <remarks>A new edge, or a new project, is a decision: it is made here, in a commit, not by accident.</remarks>
public sealed class ProjectReferenceTests
{
    /// <summary>The allowed references of each project under <c>src/</c>, by project (folder) name.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Model"] = [],
        ["Solver"] = ["Model"],
        ["Simulator"] = ["Model"],
        ["LiveBackend"] = ["Model", "Simulator"],
        ["Service"] = ["Model", "Solver", "LiveBackend"],
        ["Cli"] = ["Model", "Solver", "Simulator", "LiveBackend", "Service"],
    };

    [Fact]
    public void ProjectFiles_EveryProjectUnderSrc_HasItsAllowedReferencesStated()
    {
        var projects = Directory.EnumerateFiles(Repo.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal);

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), projects);
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), EscalatorCode.Assemblies.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ProjectFiles_ProjectReferences_OnlyTheAllowedEdges()
    {
        var edges = Directory.EnumerateFiles(Repo.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(file => XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => (From: Path.GetFileNameWithoutExtension(file), To: Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))));

        var broken = edges.Where(e => !Allowed.GetValueOrDefault(e.From, []).Contains(e.To)).Select(e => $"{e.From} → {e.To}").ToList();

        Assert.True(broken.Count == 0, $"project references that break the one-way flow: {string.Join(", ", broken)}");
    }

    [Fact]
    public void Assemblies_ReferencedEscalatorAssemblies_OnlyTheAllowedEdges()
    {
        var project = EscalatorCode.Assemblies.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var edges = EscalatorCode.Assemblies.SelectMany(p => System.Reflection.Assembly.Load(p.Value).GetReferencedAssemblies()
            .Where(r => r.Name is not null && project.ContainsKey(r.Name))
            .Select(r => (From: p.Key, To: project[r.Name!])));

        // A project can use what another brings in transitively without referencing it: the compiled references show that.
        var broken = edges.Where(e => !Allowed[e.From].Contains(e.To)).Select(e => $"{e.From} → {e.To}").ToList();

        Assert.True(broken.Count == 0, $"compiled code that uses a project it may not: {string.Join(", ", broken)}");
    }
}
