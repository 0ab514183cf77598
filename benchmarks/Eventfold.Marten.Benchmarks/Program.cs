using BenchmarkDotNet.Running;
using Eventfold.Marten.Benchmarks;

if (MartenCatchUpBenchmarks.ConnectionString is null)
{
    Console.WriteLine($"{MartenCatchUpBenchmarks.ConnectionVariable} is not set: the Marten rows are left out, only the Eventfold rows run.");
}

BenchmarkSwitcher.FromAssembly(typeof(MartenCatchUpBenchmarks).Assembly).Run(args, MartenCatchUpBenchmarks.Config());
