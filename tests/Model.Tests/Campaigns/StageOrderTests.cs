using Escalator.Model.Campaigns;

namespace Escalator.Model.Tests.Campaigns;

public sealed class StageOrderTests
{
    [Fact]
    public void Sort_NoDependencies_KeepsFileOrder()
    {
        var stages = Stages(("c", []), ("a", []), ("b", []));

        var order = StageOrder.Sort(stages);

        Assert.Equal(["c", "a", "b"], order.Select(s => s.Name));
    }

    [Fact]
    public void Sort_StageBeforeItsDependency_MovesAfterItAndKeepsTheRestInFileOrder()
    {
        var stages = Stages(("computes", ["controllers"]), ("x", []), ("controllers", ["db"]), ("db", []), ("y", []));

        var order = StageOrder.Sort(stages);

        Assert.Equal(["x", "db", "controllers", "computes", "y"], order.Select(s => s.Name));
    }

    [Fact]
    public void Sort_Diamond_EachAfterAllItsDependencies()
    {
        var stages = Stages(("d", ["b", "c"]), ("c", ["a"]), ("b", ["a"]), ("a", []));

        var order = StageOrder.Sort(stages);

        Assert.Equal(["a", "c", "b", "d"], order.Select(s => s.Name));
    }

    [Fact]
    public void Sort_Cycle_ThrowsNamingTheStages()
    {
        var stages = Stages(("ok", []), ("a", ["b"]), ("b", ["a"]));

        var e = Assert.Throws<InvalidOperationException>(() => StageOrder.Sort(stages));

        Assert.Contains("a, b", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindCycle_Dag_Null()
    {
        var after = Graph(("a", []), ("b", ["a"]), ("c", ["a", "b"]));

        var cycle = StageOrder.FindCycle(after);

        Assert.Null(cycle);
    }

    [Fact]
    public void FindCycle_ThreeStages_TheCycleInOrder()
    {
        var after = Graph(("root", []), ("a", ["root", "c"]), ("b", ["a"]), ("c", ["b"]));

        var cycle = StageOrder.FindCycle(after);

        Assert.Equal(["a", "c", "b"], cycle);
    }

    [Fact]
    public void FindCycle_SelfLoop_TheStageAlone()
    {
        var after = Graph(("a", []), ("b", ["b"]));

        var cycle = StageOrder.FindCycle(after);

        Assert.Equal(["b"], cycle);
    }

    [Fact]
    public void FindCycle_EdgeToUnknownNode_Ignored()
    {
        var after = Graph(("a", ["ghost"]));

        var cycle = StageOrder.FindCycle(after);

        Assert.Null(cycle);
    }

    private static Dictionary<string, List<string>> Graph(params (string Name, string[] After)[] nodes) =>
        nodes.ToDictionary(n => n.Name, n => n.After.ToList(), StringComparer.Ordinal);

    private static List<Stage> Stages(params (string Name, string[] After)[] stages) =>
        [.. stages.Select(s => new Stage(s.Name, Selector.All, [], [.. s.After], new RollingStrategy(FaultDomainLimits.One), "p"))];
}
