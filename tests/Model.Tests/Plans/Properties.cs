using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Escalator.Model.Tests.Plans;

/// <summary>Runs FsCheck properties from a fixed seed, so that every run checks the same cases.</summary>
/// <remarks>A failure throws with FsCheck's report: the falsifying case (its <c>ToString</c>) and the seed to replay it.</remarks>
internal static class Properties
{
    public const ulong Seed = 20_251_122;

    public static void Check<T>(Gen<T> gen, int cases, Action<T> property)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));
        FsCheck.Check.One(config, Prop.ForAll(Arb.From(gen), property));
    }
}
