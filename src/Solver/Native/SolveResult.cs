namespace Escalator.Solver.Native;

/// <summary>Outcome of a satisfiability check; the values are Z3_lbool's.</summary>
internal enum SolveResult
{
    /// <summary>Z3_L_FALSE: the assertions are unsatisfiable.</summary>
    Unsat = -1,

    /// <summary>Z3_L_UNDEF: Z3 gave up (timeout, incompleteness); see ReasonUnknown.</summary>
    Unknown = 0,

    /// <summary>Z3_L_TRUE: a model exists.</summary>
    Sat = 1,
}
