using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Escalator.TestKit;

/// <summary>Runs FsCheck properties from a fixed replay seed, so that every run checks the same cases.</summary>
/// <remarks>On failure FsCheck throws with the falsifying case (its <c>ToString</c>, or the seed that rebuilds it) and the
/// replay seed; a property over seeds of a generated world prints that world in its own message.</remarks>
public static class Properties
{
    public const ulong ReplaySeed = 20_261_122;

    private const ulong ReplayGamma = 0x9E37_79B9_7F4A_7C15;

    /// <summary>Seeds for a test's own <see cref="System.Random"/> or world generator, drawn by FsCheck and printed when a case fails.</summary>
    public static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue - 1).ToArbitrary();

    /// <summary>Checks a property of <paramref name="cases"/> seeds.</summary>
    public static void Check(int cases, Action<int> property, ulong replay = ReplaySeed) => Check(Seeds, cases, property, replay);

    public static void Check<T>(Gen<T> gen, int cases, Action<T> property, ulong replay = ReplaySeed, bool gamma = true,
        [CallerMemberName] string name = "") =>
        Check(Arb.From(gen), cases, property, replay, gamma, name);

    /// <param name="gamma">Whether the replay seed is paired with the golden-ratio gamma (FsCheck's <c>Rnd(seed)</c> otherwise).</param>
    public static void Check<T>(Arbitrary<T> arbitrary, int cases, Action<T> property, ulong replay = ReplaySeed, bool gamma = true,
        [CallerMemberName] string name = "")
    {
        var rnd = gamma ? new Rnd(replay, ReplayGamma) : new Rnd(replay);
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true).WithName(name)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(rnd, FSharpOption<int>.None)));
        FsCheck.Check.One(config, Prop.ForAll(arbitrary, property));
    }
}
