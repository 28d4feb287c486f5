using Escalator.Model.Diagnostics;

namespace Escalator.Model.Tests.Diagnostics;

public sealed class DiagnosticBagTests
{
    [Fact]
    public void Sorted_MixedOrder_ByFileLineColumn()
    {
        var bag = new DiagnosticBag();
        bag.Error("E3", "c", new SourceLocation("b.yaml", 1, 1), "");
        bag.Error("E2", "b", new SourceLocation("a.yaml", 10, 2), "");
        bag.Warning("E1", "a", new SourceLocation("a.yaml", 2, 9), "");
        bag.Error("E0", "z", null, "");
        bag.Error("E4", "d", new SourceLocation("a.yaml", 10, 1), "");

        var sorted = bag.Sorted();

        Assert.Equal(["E0", "E1", "E4", "E2", "E3"], sorted.Select(d => d.Code));
    }

    [Fact]
    public void HasErrors_OnlyWarnings_False()
    {
        var bag = new DiagnosticBag();
        bag.Warning("W", "w", null, "");

        var hasErrors = bag.HasErrors;

        Assert.False(hasErrors);
    }

    [Fact]
    public void ToString_Error_CompilerStyle()
    {
        var d = new Diagnostic(DiagnosticCodes.UnknownKey, Severity.Error, "unknown key 'x'", new SourceLocation("c.yaml", 3, 7), "stages[0].x");

        var text = d.ToString();

        Assert.Equal("c.yaml:3:7: error ESC-P02: stages[0].x: unknown key 'x'", text);
    }
}
