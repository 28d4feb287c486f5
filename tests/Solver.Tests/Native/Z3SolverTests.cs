using Escalator.Solver.Native;

namespace Escalator.Solver.Tests.Native;

public sealed class Z3SolverTests
{
    [Fact]
    public void Check_SatisfiableIntsAndBools_ModelGivesTheOnlySolution()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var x = ctx.Int("x");
        var y = ctx.Int("y");
        var isSix = ctx.Bool("isSix");
        var isSeven = ctx.Bool("isSeven");
        solver.Assert(ctx.Gt(x, ctx.Int(5)));
        solver.Assert(ctx.Lt(x, ctx.Int(7)));
        solver.Assert(ctx.Eq(y, ctx.Sub(ctx.Mul(3, x), ctx.Int(4))));
        solver.Assert(ctx.Iff(isSix, ctx.Eq(x, ctx.Int(6))));
        solver.Assert(ctx.Iff(isSeven, ctx.Eq(x, ctx.Int(7))));

        var result = solver.Check();
        using var model = solver.Model();

        Assert.Equal(SolveResult.Sat, result);
        Assert.Equal(6, model.Value(x));
        Assert.Equal(14, model.Value(y));
        Assert.True(model.Value(isSix));
        Assert.False(model.Value(isSeven));
    }

    [Fact]
    public void UnsatCore_ConflictingTrackedAssertions_NamesOnlyTheConflict()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var x = ctx.Int("x");
        var a = ctx.Bool("a");
        var b = ctx.Bool("b");
        var c = ctx.Bool("c");
        solver.AssertAndTrack(ctx.Gt(x, ctx.Int(5)), a);
        solver.AssertAndTrack(ctx.Lt(x, ctx.Int(3)), b);
        solver.AssertAndTrack(ctx.Gt(x, ctx.Int(0)), c);

        var result = solver.Check();
        var core = solver.UnsatCore();

        Assert.Equal(SolveResult.Unsat, result);
        Assert.Equal(2, core.Count);
        Assert.Contains(a, core);
        Assert.Contains(b, core);
        Assert.DoesNotContain(c, core);
        Assert.Equal(new[] { "a", "b" }, core.Select(ctx.ToSmtLib).Order());
    }

    [Fact]
    public void Check_ConflictingAssumptions_UnsatWithThoseInCoreAndNothingKept()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var x = ctx.Int("x");
        var high = ctx.Bool("high");
        var low = ctx.Bool("low");
        var positive = ctx.Bool("positive");
        solver.Assert(ctx.Implies(high, ctx.Gt(x, ctx.Int(5))));
        solver.Assert(ctx.Implies(low, ctx.Lt(x, ctx.Int(3))));
        solver.Assert(ctx.Implies(positive, ctx.Gt(x, ctx.Int(0))));

        var conflicting = solver.Check([high, low, positive]);
        var core = solver.UnsatCore();
        var compatible = solver.Check([high, positive]);

        Assert.Equal(SolveResult.Unsat, conflicting);
        Assert.Equal(new[] { high, low }, core.OrderBy(ctx.ToSmtLib));
        Assert.Equal(SolveResult.Sat, compatible);
    }

    [Fact]
    public void Check_NegatedAssumption_HeldFalse()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var p = ctx.Bool("p");

        var result = solver.Check([ctx.Not(p)]);
        using var model = solver.Model();

        Assert.Equal(SolveResult.Sat, result);
        Assert.False(model.Value(p));
    }

    [Fact]
    public void Pop_AfterUnsatisfiableScope_SatisfiableAgain()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var x = ctx.Int("x");
        solver.Assert(ctx.Ge(x, ctx.Int(10)));
        solver.Push();
        solver.Assert(ctx.Le(x, ctx.Int(9)));
        var inScope = solver.Check();

        solver.Pop();
        var afterPop = solver.Check();
        using var model = solver.Model();

        Assert.Equal(SolveResult.Unsat, inScope);
        Assert.Equal(SolveResult.Sat, afterPop);
        Assert.True(model.Value(x) >= 10);
    }

    [Fact]
    public void Pop_SeveralLevels_DropsAllOfThem()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var p = ctx.Bool("p");
        solver.Push();
        solver.Assert(p);
        solver.Push();
        solver.Assert(ctx.Not(p));

        solver.Pop(2);
        var result = solver.Check([ctx.Not(p)]);

        Assert.Equal(SolveResult.Sat, result);
    }

    [Fact]
    public void Pop_ExpressionsBuiltInsideTheScope_StillValidAfterwards()
    {
        // z3_api.h still says ASTs die with Z3_solver_pop in a Z3_mk_context context; in 4.8.12 they live on.
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        solver.Push();
        var scoped = ctx.Gt(ctx.Add([ctx.Int("fresh"), ctx.Int(123_456)]), ctx.Int(0));
        solver.Assert(scoped);
        solver.Pop();
        _ = ctx.And(Enumerable.Range(0, 10_000).Select(i => ctx.Bool($"churn{i}")).ToArray());

        solver.Assert(ctx.Not(scoped));
        var result = solver.Check();

        Assert.Equal("(> (+ fresh 123456) 0)", ctx.ToSmtLib(scoped));
        Assert.Equal(SolveResult.Sat, result);
    }

    [Fact]
    public void Pop_MoreLevelsThanPushed_ThrowsZ3ExceptionNamingTheCall()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        solver.Push();

        var error = Assert.Throws<Z3Exception>(() => solver.Pop(2));

        Assert.Equal("Z3_solver_pop", error.Call);
        Assert.StartsWith("Z3_solver_pop: index out of bounds", error.Message);
    }

    [Fact]
    public void Model_AfterUnsat_ThrowsZ3ExceptionNamingTheCall()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        solver.Assert(ctx.False);
        Assert.Equal(SolveResult.Unsat, solver.Check());

        var error = Assert.Throws<Z3Exception>(solver.Model);

        Assert.Equal("Z3_solver_get_model", error.Call);
        Assert.Contains("there is no current model", error.Message);
    }

    [Fact]
    public void SetTimeout_ShortOnHardProblem_UnknownBecauseOfTimeout()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        foreach (var clause in Pigeonhole.Clauses(ctx, 10))
        {
            solver.Assert(clause);
        }

        solver.SetTimeout(TimeSpan.FromMilliseconds(100));
        var result = solver.Check();

        Assert.Equal(SolveResult.Unknown, result);
        Assert.Equal("timeout", solver.ReasonUnknown());
    }

    [Fact]
    public void SetTimeout_Zero_StillATimeoutNotNone()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        foreach (var clause in Pigeonhole.Clauses(ctx, 10))
        {
            solver.Assert(clause);
        }

        solver.SetTimeout(TimeSpan.Zero);
        var result = solver.Check();

        Assert.Equal(SolveResult.Unknown, result);
    }

    [Fact]
    public void SetTimeout_GenerousOrInfinite_EasyProblemSolved()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        solver.Assert(ctx.Gt(ctx.Int("x"), ctx.Int(1)));

        solver.SetTimeout(TimeSpan.FromSeconds(30));
        var generous = solver.Check();
        solver.SetTimeout(Timeout.InfiniteTimeSpan);
        var infinite = solver.Check();

        Assert.Equal(SolveResult.Sat, generous);
        Assert.Equal(SolveResult.Sat, infinite);
    }

    [Fact]
    public void SetTimeout_Negative_ThrowsArgumentOutOfRange()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();

        Assert.Throws<ArgumentOutOfRangeException>(() => solver.SetTimeout(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void ToSmtLib_AfterAssert_DeclaresAndAsserts()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        solver.Assert(ctx.Gt(ctx.Int("x"), ctx.Int(5)));

        var text = solver.ToSmtLib();

        Assert.Contains("(declare-fun x () Int)", text);
        Assert.Contains("(assert (> x 5))", text);
    }

    [Fact]
    public void Check_DefaultAssumption_ThrowsArgumentExceptionInsteadOfCrashing()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();

        Assert.Throws<ArgumentException>(() => solver.Check([ctx.Bool("p"), default]));
    }

    [Fact]
    public void Assert_AfterDispose_ThrowsObjectDisposed()
    {
        using var ctx = new Z3Context();
        var solver = ctx.Solver();
        solver.Dispose();

        Assert.Throws<ObjectDisposedException>(() => solver.Assert(ctx.True));
        solver.Dispose();
    }
}
