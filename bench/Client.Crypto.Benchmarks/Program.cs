using BenchmarkDotNet.Running;
using PasswordManager.Client.Crypto.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
