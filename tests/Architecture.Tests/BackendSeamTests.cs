using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Escalator.Architecture.Tests;

/// <summary>The executor knows no backend: it reaches one through <c>IBackend</c> and catches only <c>BackendFault</c>.</summary>
public sealed class BackendSeamTests
{
    [Fact]
    public void Execution_Types_NameNoTypeOfTheOpenStackBackend()
    {
        var rule = Types().That().ResideInNamespace("Escalator.LiveBackend.Execution")
            .Should().NotDependOnAny(Types().That().ResideInNamespace("Escalator.LiveBackend.OpenStack"))
            .Because("the executor reaches a backend through IBackend and knows its faults as BackendFault");

        rule.Check(EscalatorCode.Architecture);
    }
}
