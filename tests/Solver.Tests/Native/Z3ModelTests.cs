using Escalator.Solver.Native;

namespace Escalator.Solver.Tests.Native;

public sealed class Z3ModelTests
{
    [Fact]
    public void Value_CompoundExpressions_EvaluatedInTheModel()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var x = ctx.Int("x");
        solver.Assert(ctx.Eq(x, ctx.Int(-7)));
        Assert.Equal(SolveResult.Sat, solver.Check());
        using var model = solver.Model();

        var sum = model.Value(ctx.Add([x, ctx.Mul(2, x), ctx.Int(1)]));
        var negative = model.Value(ctx.Lt(x, ctx.Int(0)));
        var choice = model.Value(ctx.Ite(ctx.Gt(x, ctx.Int(0)), ctx.Int(1), ctx.Int(2)));

        Assert.Equal(-20, sum);
        Assert.True(negative);
        Assert.Equal(2, choice);
    }

    [Fact]
    public void Value_ConstantsTheModelLeavesFree_CompletedWithDefaults()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        Assert.Equal(SolveResult.Sat, solver.Check());
        using var model = solver.Model();

        var free = model.Value(ctx.Int("free"));
        var flag = model.Value(ctx.Bool("flag"));

        Assert.Equal(0, free);
        Assert.False(flag);
    }

    [Fact]
    public void Value_Int64Extremes_RoundTrip()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        var big = ctx.Int("big");
        var small = ctx.Int("small");
        solver.Assert(ctx.Eq(big, ctx.Int(long.MaxValue)));
        solver.Assert(ctx.Eq(small, ctx.Int(long.MinValue)));
        Assert.Equal(SolveResult.Sat, solver.Check());
        using var model = solver.Model();

        var values = (model.Value(big), model.Value(small));

        Assert.Equal((long.MaxValue, long.MinValue), values);
    }

    [Fact]
    public void Value_BeyondInt64_ThrowsZ3ExceptionNamingTheCall()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        Assert.Equal(SolveResult.Sat, solver.Check());
        using var model = solver.Model();
        var huge = ctx.Mul(long.MaxValue, ctx.Int(long.MaxValue));

        var error = Assert.Throws<Z3Exception>(() => model.Value(huge));

        Assert.Equal("Z3_get_numeral_int64", error.Call);
        Assert.Contains("85070591730234615847396907784232501249", error.Message);
    }

    [Fact]
    public void Value_AfterDispose_ThrowsObjectDisposed()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        Assert.Equal(SolveResult.Sat, solver.Check());
        var model = solver.Model();
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Value(ctx.True));
        model.Dispose();
    }
}
