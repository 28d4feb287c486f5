using Escalator.Solver.Native;

namespace Escalator.Solver.Tests.Native;

public sealed class Z3OptimizeTests
{
    [Fact]
    public void Minimize_LinearObjective_ModelAtTheMinimum()
    {
        using var ctx = new Z3Context();
        using var optimize = ctx.Optimize();
        var x = ctx.Int("x");
        var y = ctx.Int("y");
        optimize.Assert(ctx.Ge(x, ctx.Int(3)));
        optimize.Assert(ctx.Ge(y, ctx.Add([x, ctx.Int(2)])));
        optimize.Minimize(ctx.Add([x, y]));

        var result = optimize.Check();
        using var model = optimize.Model();

        Assert.Equal(SolveResult.Sat, result);
        Assert.Equal(3, model.Value(x));
        Assert.Equal(5, model.Value(y));
    }

    [Fact]
    public void Minimize_CostOfChosenItems_CheapestPairChosen()
    {
        using var ctx = new Z3Context();
        using var optimize = ctx.Optimize();
        int[] costs = [5, 3, 4, 1];
        var chosen = costs.Select((_, i) => ctx.Bool($"item{i}")).ToArray();
        var cost = ctx.Add(chosen.Select((item, i) => ctx.Ite(item, ctx.Int(costs[i]), ctx.Int(0))).ToArray());
        optimize.Assert(ctx.AtLeast(chosen, 2));
        optimize.Minimize(cost);

        var result = optimize.Check();
        using var model = optimize.Model();

        Assert.Equal(SolveResult.Sat, result);
        Assert.Equal(4, model.Value(cost));
        Assert.Equal(new[] { false, true, false, true }, chosen.Select(model.Value));
    }

    [Fact]
    public void Pop_AfterScopedConstraintAndObjective_BothDropped()
    {
        using var ctx = new Z3Context();
        using var optimize = ctx.Optimize();
        var x = ctx.Int("x");
        optimize.Assert(ctx.Le(x, ctx.Int(10)));
        optimize.Assert(ctx.Ge(x, ctx.Int(-10)));
        optimize.Push();
        optimize.Assert(ctx.Ge(x, ctx.Int(20)));
        var inScope = optimize.Check();

        optimize.Pop();
        optimize.Minimize(x);
        var afterPop = optimize.Check();
        using var model = optimize.Model();

        Assert.Equal(SolveResult.Unsat, inScope);
        Assert.Equal(SolveResult.Sat, afterPop);
        Assert.Equal(-10, model.Value(x));
    }

    [Fact]
    public void SetTimeout_Generous_OptimumStillFound()
    {
        using var ctx = new Z3Context();
        using var optimize = ctx.Optimize();
        var x = ctx.Int("x");
        optimize.Assert(ctx.Gt(x, ctx.Int(41)));
        optimize.Minimize(x);

        optimize.SetTimeout(TimeSpan.FromSeconds(30));
        var result = optimize.Check();
        using var model = optimize.Model();

        Assert.Equal(SolveResult.Sat, result);
        Assert.Equal(42, model.Value(x));
    }

    [Fact]
    public void SetTimeout_ShortOnHardProblem_Unknown()
    {
        using var ctx = new Z3Context();
        using var optimize = ctx.Optimize();
        foreach (var clause in Pigeonhole.Clauses(ctx, 10))
        {
            optimize.Assert(clause);
        }

        optimize.SetTimeout(TimeSpan.FromMilliseconds(100));
        var result = optimize.Check();

        Assert.Equal(SolveResult.Unknown, result);
        Assert.NotEmpty(optimize.ReasonUnknown());
    }

    [Fact]
    public void Minimize_BooleanObjective_ThrowsZ3ExceptionNamingTheCall()
    {
        using var ctx = new Z3Context();
        using var optimize = ctx.Optimize();
        var notAnInt = new IntExpr(ctx.Bool("p").Handle);

        var error = Assert.Throws<Z3Exception>(() => optimize.Minimize(notAnInt));

        Assert.Equal("Z3_optimize_minimize", error.Call);
        Assert.Contains("Objective must be bit-vector, integer or real", error.Message);
    }

    [Fact]
    public void Check_AfterContextDisposed_ThrowsObjectDisposed()
    {
        var ctx = new Z3Context();
        var optimize = ctx.Optimize();
        ctx.Dispose();

        Assert.Throws<ObjectDisposedException>(() => optimize.Check());
        optimize.Dispose();
    }
}
