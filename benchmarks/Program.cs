using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Escalator.Benchmarks;

/// <summary>Runs the benchmarks named by BenchmarkDotNet's command line, e.g. <c>--filter '*Verify*'</c>.</summary>
/// <remarks>Each benchmark class names its job with <c>[Config(typeof(SlowOperationConfig))]</c>.</remarks>
internal static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance);
}
