namespace Escalator.Solver.Native;

/// <summary>A Z3_ast of sort Bool, valid while the <see cref="Z3Context"/> that made it is alive.</summary>
/// <param name="Handle">The raw Z3_ast pointer.</param>
internal readonly record struct BoolExpr(nint Handle);
