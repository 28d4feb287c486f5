using Escalator.Solver.Native;

namespace Escalator.Solver.Tests.Native;

public sealed class Z3ContextTests
{
    [Fact]
    public void ToSmtLib_Formula_PrintsSmtLib()
    {
        using var ctx = new Z3Context();
        var x = ctx.Int("x");
        var a = ctx.Bool("a");

        var text = ctx.ToSmtLib(ctx.Or([ctx.Not(a), ctx.Le(ctx.Mul(-3, x), ctx.Sub(x, ctx.Int(1)))]));

        Assert.Equal("(or (not a) (<= (* (- 3) x) (- x 1)))", text);
    }

    [Fact]
    public void Constructors_SameNameOrValue_SameExpression()
    {
        using var ctx = new Z3Context();

        var bools = (ctx.Bool("p"), ctx.Bool("p"));
        var ints = (ctx.Int("n"), ctx.Int("n"));
        var numerals = (ctx.Int(12), ctx.Int(12));

        Assert.Equal(bools.Item1, bools.Item2);
        Assert.Equal(ints.Item1, ints.Item2);
        Assert.Equal(numerals.Item1, numerals.Item2);
        Assert.NotEqual(ctx.Bool("p"), ctx.Bool("q"));
    }

    [Fact]
    public void NaryBuilders_Empty_Neutral()
    {
        using var ctx = new Z3Context();

        var and = ctx.And([]);
        var or = ctx.Or([]);
        var sum = ctx.Add([]);

        Assert.Equal(ctx.True, and);
        Assert.Equal(ctx.False, or);
        Assert.Equal(ctx.Int(0), sum);
    }

    [Fact]
    public void True_PrintedAndDistinctFromFalse()
    {
        using var ctx = new Z3Context();

        var texts = (ctx.ToSmtLib(ctx.True), ctx.ToSmtLib(ctx.False));

        Assert.Equal(("true", "false"), texts);
    }

    [Fact]
    public void Not_IntPassedAsBool_ThrowsZ3ExceptionNamingTheCall()
    {
        using var ctx = new Z3Context();
        var notABool = new BoolExpr(ctx.Int("x").Handle);

        var error = Assert.Throws<Z3Exception>(() => ctx.Not(notABool));

        Assert.Equal("Z3_mk_not", error.Call);
        Assert.StartsWith("Z3_mk_not: Sort mismatch", error.Message);
    }

    [Fact]
    public void Context_AfterAnError_StillUsable()
    {
        using var ctx = new Z3Context();
        using var solver = ctx.Solver();
        Assert.Throws<Z3Exception>(() => ctx.And([ctx.True, new BoolExpr(ctx.Int(1).Handle)]));

        solver.Assert(ctx.Bool("p"));
        var result = solver.Check();

        Assert.Equal(SolveResult.Sat, result);
    }

    [Fact]
    public void Builders_DefaultExpression_ThrowArgumentExceptionInsteadOfCrashing()
    {
        using var ctx = new Z3Context();
        var p = ctx.Bool("p");

        Assert.Throws<ArgumentException>(() => ctx.Not(default));
        Assert.Throws<ArgumentException>(() => ctx.And([p, default]));
        Assert.Throws<ArgumentException>(() => ctx.Eq(ctx.Int(1), default));
        Assert.Throws<ArgumentException>(() => ctx.Ite(p, default, ctx.Int(1)));
        Assert.Throws<ArgumentException>(() => ctx.PbLe([default], [1], 1));
    }

    [Fact]
    public void Builders_AfterDispose_ThrowObjectDisposed()
    {
        var ctx = new Z3Context();
        var x = ctx.Int("x");
        ctx.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ctx.Bool("p"));
        Assert.Throws<ObjectDisposedException>(() => ctx.True);
        Assert.Throws<ObjectDisposedException>(() => ctx.Gt(x, x));
        Assert.Throws<ObjectDisposedException>(() => ctx.And([]));
        Assert.Throws<ObjectDisposedException>(() => ctx.Solver());
    }

    [Fact]
    public void Dispose_Twice_NoThrow()
    {
        var ctx = new Z3Context();

        ctx.Dispose();
        var again = Record.Exception(ctx.Dispose);

        Assert.Null(again);
    }

    [Fact]
    public void Dispose_WithSolverAndModelStillOpen_ReleasesThemFirst()
    {
        var ctx = new Z3Context();
        var solver = ctx.Solver();
        Assert.Equal(SolveResult.Sat, solver.Check());
        var model = solver.Model();

        ctx.Dispose();

        Assert.Throws<ObjectDisposedException>(() => solver.Check());
        Assert.Throws<ObjectDisposedException>(() => model.Value(new BoolExpr(1)));
        Assert.Null(Record.Exception(solver.Dispose));
        Assert.Null(Record.Exception(model.Dispose));
    }

    [Fact]
    public void Contexts_ManyInSequence_EachSolvesItsOwnProblem()
    {
        var values = new List<long>();

        for (var i = 0; i < 50; i++)
        {
            using var ctx = new Z3Context();
            using var solver = ctx.Solver();
            var x = ctx.Int("x");
            solver.Assert(ctx.Eq(x, ctx.Int(i)));
            solver.Check();
            using var model = solver.Model();
            values.Add(model.Value(x));
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), values);
    }
}
