using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Escalator.Benchmarks;

/// <summary>One job for operations that take from milliseconds to a minute: one warm-up and three measured single
/// invocations, in this process, with allocations counted.</summary>
/// <remarks>
/// <para>Monitoring runs the operation once per iteration, with no pilot stage and no overhead subtraction, so the
/// whole suite takes a few minutes on two cores. Three iterations show the spread of an operation that takes
/// seconds; for one that takes milliseconds (<c>Ha</c>) they are a rough figure, which is all its target needs.</para>
/// <para>In process, because the default toolchain builds a generated project that rebuilds <c>src/</c> into its own
/// <c>bin/</c> and <c>obj/</c> folders, outside the artifacts path the build was given, where other builds of the
/// tree may be running.</para>
/// <para>Only the job and the diagnoser: loggers, exporters and columns come from the default config that
/// <see cref="Program"/> gives the switcher (adding them here as well would list every exporter twice).</para>
/// </remarks>
internal sealed class SlowOperationConfig : ManualConfig
{
    public SlowOperationConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("Slow"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
