using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;

namespace Escalator.Architecture.Tests;

/// <summary>Nothing under <c>src/</c> reads the machine's clock: time comes from a <see cref="TimeProvider"/> passed in
/// (virtual time in the simulator, a hand-moved clock in tests). Only the CLI, where the process is wired, takes
/// <see cref="TimeProvider.System"/>. Measuring an elapsed time with a <c>Stopwatch</c> is not reading the clock.</summary>
public sealed class AmbientClockTests
{
    /// <summary>The properties that read the machine's clock, as the compiled code calls them.</summary>
    private static readonly string[] AmbientClock =
    [
        "System.DateTime::get_Now()",
        "System.DateTime::get_UtcNow()",
        "System.DateTime::get_Today()",
        "System.DateTimeOffset::get_Now()",
        "System.DateTimeOffset::get_UtcNow()",
    ];

    private const string SystemClock = "System.TimeProvider::get_System()";

    /// <summary>The assembly of the CLI, the one place that wires the process.</summary>
    private const string Cli = "escalator";

    [Fact]
    public void Src_AnyType_ReadsNoAmbientClock()
    {
        var reads = Calls(_ => true, AmbientClock);

        Assert.True(reads.Count == 0, $"code under src/ reads the machine's clock (take a TimeProvider instead): {string.Join("; ", reads)}");
    }

    [Fact]
    public void Src_OutsideTheCli_TakesNoSystemTimeProvider()
    {
        var reads = Calls(type => type.Assembly.Name != Cli, [SystemClock]);

        Assert.True(reads.Count == 0, $"TimeProvider.System outside the CLI (let the CLI pass it in): {string.Join("; ", reads)}");
    }

    [Fact]
    public void Calls_TheCliWiringTheProcess_SeenTakingTheSystemClock()
    {
        // The rules above read the call graph; this shows that they see a call where one is known to be.
        var reads = Calls(type => type.Assembly.Name == Cli, [SystemClock]);

        Assert.Contains(reads, r => r.StartsWith("Escalator.Cli.Commands.RunCommand", StringComparison.Ordinal));
    }

    /// <summary>Every call, from a type <paramref name="where"/> selects, to one of <paramref name="members"/> (as
    /// <c>Declaring.Type::name(parameters)</c>), said as "type calls member".</summary>
    private static List<string> Calls(Func<IType, bool> where, IReadOnlyCollection<string> members) =>
        [.. EscalatorCode.Architecture.Types.Where(where)
            .SelectMany(type => type.Dependencies.OfType<MethodCallDependency>()
                .Select(call => $"{call.TargetMember.DeclaringType.FullName}::{call.TargetMember.Name}")
                .Where(members.Contains)
                .Select(member => $"{type.FullName} calls {member}"))
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
