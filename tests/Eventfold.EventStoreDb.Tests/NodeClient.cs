using System.Diagnostics;
using System.Text.Json;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>Runs the official Node client (tests/…/interop) for the interop tests and benchmarks.</summary>
internal static class NodeClient
{
    private static readonly string Directory = FindInteropDirectory();

    /// <summary>Runs interop.mjs with <paramref name="arguments"/> and parses what it prints.</summary>
    public static async Task<JsonElement> RunAsync(params string[] arguments)
    {
        await EnsureInstalledAsync();
        var (exit, output, error) = await RunProcessAsync("node", ["interop.mjs", .. arguments]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"node interop.mjs {arguments[0]} failed ({exit}): {error}");
        }

        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static async Task EnsureInstalledAsync()
    {
        if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@eventstore", "db-client")))
        {
            return;
        }

        var (exit, _, error) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"npm ci in {Directory} failed ({exit}): {error}");
        }
    }

    // The tests run from bin/…; the Node project stays in the source tree beside them.
    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "interop", "interop.mjs");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        throw new InvalidOperationException($"interop/interop.mjs not found above {AppContext.BaseDirectory}");
    }

    private static async Task<(int Exit, string Output, string Error)> RunProcessAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
