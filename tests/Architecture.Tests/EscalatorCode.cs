using ArchUnitNET.Loader;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Escalator.Architecture.Tests;

/// <summary>The compiled code under <c>src/</c>, loaded once for every rule: each project's assembly by name.</summary>
internal static class EscalatorCode
{
    /// <summary>The assembly of each project under <c>src/</c>, by project (folder) name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Assemblies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Model"] = "Escalator.Model",
        ["Solver"] = "Escalator.Solver",
        ["Simulator"] = "Escalator.Simulator",
        ["LiveBackend"] = "Escalator.LiveBackend",
        ["Service"] = "Escalator.Service",
        ["Cli"] = "escalator",
    };

    public static ArchitectureModel Architecture { get; } = new ArchLoader()
        .LoadAssemblies([.. Assemblies.Values.Select(name => System.Reflection.Assembly.Load(name))])
        .Build();
}
