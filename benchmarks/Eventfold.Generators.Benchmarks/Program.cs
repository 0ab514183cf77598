using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point; <c>--filter</c>, <c>--job</c> and the other switches are BenchmarkDotNet's.</summary>
public partial class Program;
