using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Escalator.Benchmarks;

/// <summary>Runs the benchmarks named by BenchmarkDotNet's command line, e.g. <c>--filter '*Verify*'</c>.</summary>
/// <remarks>Each benchmark class names its job with <c>[Config(typeof(SlowOperationConfig))]</c>. The first argument
/// <c>queue-model</c> runs <see cref="QueueModel"/> instead, for <c>benchmarks/simpy/compare</c>.</remarks>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == QueueModel.Command) return QueueModel.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance);
        return 0;
    }
}
