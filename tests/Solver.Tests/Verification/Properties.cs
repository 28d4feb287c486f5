using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Escalator.Solver.Tests.Verification;

/// <summary>Runs FsCheck properties from a fixed replay seed, so that every run checks the same cases.</summary>
/// <remarks>Cases are seeds of <see cref="SmallWorlds.Build"/>: on failure FsCheck prints the falsifying seed, and the
/// property's own message prints the world it builds.</remarks>
internal static class Properties
{
    public const ulong ReplaySeed = 20_261_122;

    public static void Check(int cases, Action<int> property)
    {
        var replay = new Replay(new Rnd(ReplaySeed, 0x9E37_79B9_7F4A_7C15), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true).WithReplay(FSharpOption<Replay>.Some(replay));
        FsCheck.Check.One(config, Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), property));
    }
}
