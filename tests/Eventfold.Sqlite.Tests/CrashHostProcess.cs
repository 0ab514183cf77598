using System.Diagnostics;
using System.Text;

namespace Eventfold.Sqlite.Tests;

/// <summary>
/// Runs tests/Eventfold.Sqlite.CrashHost as a real child process. The test project builds the host first
/// (a project reference without its assembly), and this finds its output next to the tests' own.
/// </summary>
internal sealed class CrashHostProcess : IAsyncDisposable
{
    private const string HostName = "Eventfold.Sqlite.CrashHost";
    private static readonly Lazy<string> HostDll = new(LocateHostDll);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CrashHostProcess(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll.Value);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, isError: false);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, isError: true);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the host printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a host that appends batches to <paramref name="stream"/> in a tight loop until killed.</summary>
    public static CrashHostProcess AppendBatches(string path, string stream, string writer) => new("batches", path, stream, writer);

    /// <summary>Starts a host that waits for <paramref name="goFile"/>, makes <paramref name="appends"/> optimistic appends, and exits.</summary>
    public static CrashHostProcess Contend(string path, string stream, string writer, int appends, string goFile) =>
        new("contend", path, stream, writer, appends.ToString(System.Globalization.CultureInfo.InvariantCulture), goFile);

    /// <summary>Starts a host that runs the counted-totals projection into <paramref name="readModel"/> to the end of the log.</summary>
    public static CrashHostProcess Project(string path, string readModel) => new("project", path, readModel, "-");

    /// <summary>Starts a host that recovers the crash sagas, then runs <paramref name="sagas"/> of them, killing itself at <paramref name="killAt"/> ("none", "before:M:n", "after:M:n").</summary>
    public static CrashHostProcess Sagas(string path, string effects, int sagas, string killAt) =>
        new("saga", path, effects, sagas.ToString(System.Globalization.CultureInfo.InvariantCulture), killAt);

    /// <summary>Runs the crash sagas from the log with a saga runner (one per CrashOrderPlaced); <paramref name="killAt"/> as for <see cref="Sagas"/>.</summary>
    public static CrashHostProcess SagaRunner(string path, string effects, string killAt) => new("saga-runner", path, effects, killAt);

    /// <summary>Starts a host that waits for <paramref name="goFile"/>, then recovers every crash saga.</summary>
    public static CrashHostProcess SagaRace(string path, string effects, string writer, string goFile) => new("saga-race", path, effects, writer, goFile);

    /// <summary>
    /// Starts a host that saves published-state customers in a loop until killed; with <paramref name="pauseAfterSaves"/>
    /// at 0 or more it stops inside a publish after that many saves, once the save is written.
    /// </summary>
    public static CrashHostProcess Publish(string path, int customers, int pauseAfterSaves) =>
        new("publish", path, customers.ToString(System.Globalization.CultureInfo.InvariantCulture), pauseAfterSaves.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Starts a host that runs the counted-totals projection live under its lease (kept in <paramref name="readModel"/>) as <paramref name="owner"/>.</summary>
    public static CrashHostProcess Lease(string path, string readModel, string owner) => new("lease", path, readModel, owner);

    /// <summary>Starts a host that waits for <paramref name="goFile"/>, appends <paramref name="events"/> counted events from concurrent tasks, and exits.</summary>
    public static CrashHostProcess Write(string path, string writer, int events, string goFile) =>
        new("write", path, writer, events.ToString(System.Globalization.CultureInfo.InvariantCulture), goFile);

    /// <summary>Waits for the first line the host prints that starts with <paramref name="prefix"/>, and returns it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string? line = Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(5);
        }

        throw new InvalidOperationException($"The crash host printed no line starting '{prefix}' in {timeout} (exited: {_process.HasExited}). Output:\n{Output}");
    }

    /// <summary>Starts a host that runs the MigrationScript from <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static CrashHostProcess Migrate(string path, string source, string target) => new("migrate", path, source, target);

    /// <summary>Waits until the host has opened the store.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout));
        // A host with nothing left to do prints "ready" and exits at once: whichever task won the race,
        // it is ready once it has said so (the exit waits for its output to be read).
        if (!_ready.Task.IsCompleted)
        {
            throw new InvalidOperationException($"The crash host did not get ready in {timeout} (exited: {_process.HasExited}). Output:\n{Output}");
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The crash host did not exit in {timeout}. Output:\n{Output}");
        }
    }

    /// <summary>Kills the host at once, wherever it is, as a crash would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(isError ? "[stderr] " : string.Empty).AppendLine(line);
        }

        if (!isError && line == "ready")
        {
            _ready.TrySetResult();
        }
    }

    private static string DotnetExecutable()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : "dotnet";
    }

    /// <summary>
    /// Walks up from the tests' output folder to the host project's (or an artifacts folder's) output,
    /// preferring the tests' own configuration and target framework, then the newest build.
    /// </summary>
    private static string LocateHostDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        string targetFramework = testOutput.Name;
        string configuration = testOutput.Parent?.Name ?? string.Empty;
        var searched = new List<string>();

        for (var dir = testOutput; dir is not null; dir = dir.Parent)
        {
            foreach (string root in new[] { Path.Combine(dir.FullName, HostName), Path.Combine(dir.FullName, "tests", HostName) })
            {
                if (!Directory.Exists(root))
                {
                    continue;
                }

                searched.Add(root);
                var candidates = Directory.EnumerateFiles(root, HostName + ".dll", SearchOption.AllDirectories)
                    .Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("obj"))
                    .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
                    .Select(f => new FileInfo(f))
                    .OrderByDescending(f => f.Directory!.Name.Equals(targetFramework, StringComparison.OrdinalIgnoreCase))
                    .ThenByDescending(f => f.FullName.Contains(Path.DirectorySeparatorChar + configuration + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase))
                    .ThenByDescending(f => f.LastWriteTimeUtc)
                    .ToList();
                if (candidates.Count > 0)
                {
                    return candidates[0].FullName;
                }
            }
        }

        throw new FileNotFoundException(
            $"Cannot find {HostName}.dll from '{testOutput.FullName}' (looked in: {string.Join(", ", searched)}). Build tests/{HostName} (the test project references it, so building the tests builds it).");
    }
}
