using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Escalator.Model.Tests.Yaml;

/// <summary>Runs FsCheck properties from a fixed replay seed, so every run tries the same cases.</summary>
/// <remarks>On failure FsCheck throws with the failing case (whose <c>Seed</c> rebuilds it) and this replay seed.</remarks>
internal static class Properties
{
    public const ulong ReplaySeed = 20_260_611;

    private const ulong ReplayGamma = 0x9E37_79B9_7F4A_7C15;

    public static void Check<T>(Arbitrary<T> cases, Action<T> property, int maxTest, [CallerMemberName] string name = "")
    {
        var replay = new Replay(new Rnd(ReplaySeed, ReplayGamma), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithName(name).WithReplay(FSharpOption<Replay>.Some(replay));
        FsCheck.Check.One(config, Prop.ForAll(cases, property));
    }

    /// <summary>Seeds for a test's own <see cref="System.Random"/>, drawn by FsCheck and printed when a case fails.</summary>
    public static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue - 1).ToArbitrary();
}
