using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Eventfold.Package.Tests;

/// <summary>
/// Packs the Eventfold package and builds a small application against it alone, as a user would: this
/// catches a package that forgot its generator or analyzer assemblies.
/// </summary>
[Collection(PackedPackages.Name)]
public sealed class PackageTests
{
    private readonly PackedEventfold _package;

    public PackageTests(PackedEventfold package) => _package = package;

    [Fact]
    public void The_package_carries_the_runtime_in_lib_and_the_generators_and_analyzers_in_analyzers()
    {
        using var zip = ZipFile.OpenRead(_package.NupkgPath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/Eventfold.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Eventfold.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Eventfold.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Eventfold.CodeFixes.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_README_quick_start_builds_and_runs_against_the_packages_with_generated_code_and_analyzer_warnings()
    {
        string app = _package.CreateConsumer();

        var build = await Dotnet.RunAsync(app, "build", "-c", "Release", "--nologo", "-p:EmitCompilerGeneratedFiles=true");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("EVF001", build.Output); // the analyzer came with the package and saw the mutable event

        // The generated code's [GeneratedCode] version follows the package's, like the assemblies' versions.
        var generated = Directory.GetFiles(Path.Combine(app, "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains("Eventfold.Generators", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        Assert.NotEmpty(generated);
        Assert.Contains(generated, code => code.Contains($"GeneratedCode(\"Eventfold.Generators\", \"{_package.Version}\")", StringComparison.Ordinal));
        Assert.DoesNotContain(generated, code => code.Contains("GeneratedCode(\"Eventfold.Generators\", \"0.1.0\")", StringComparison.Ordinal));

        var run = await Dotnet.RunAsync(app, "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"o-[0-9a-f]{32}: total 42 at version 0", run.Output);
    }
}

/// <summary>The packages are packed once for every test class that inspects or consumes them.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackages : ICollectionFixture<PackedEventfold>
{
    public const string Name = "Packed packages";
}

/// <summary>Packs the packages under src/ once, with a version of its own so no cache serves an old copy.</summary>
public sealed class PackedEventfold : IDisposable
{
    public PackedEventfold()
    {
        Version = $"0.0.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        WorkDir = Directory.CreateTempSubdirectory("eventfold-pkg-").FullName;
        FeedDir = Path.Combine(WorkDir, "feed");
        foreach (var package in new[] { "Eventfold", "Eventfold.Sqlite", "Eventfold.EventStoreDb" })
        {
            var project = Path.Combine(RepoRoot(), "src", package, package + ".csproj");
            var pack = Dotnet.RunAsync(WorkDir, "pack", project, "-c", "Release", "-o", FeedDir, $"-p:Version={Version}", "--nologo").GetAwaiter().GetResult();
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {package} failed:\n{pack.Output}");
            }
        }

        NupkgPath = Path.Combine(FeedDir, $"Eventfold.{Version}.nupkg");
    }

    public string Version { get; }

    public string WorkDir { get; }

    public string FeedDir { get; }

    public string NupkgPath { get; }

    /// <summary>The packed file of one package: <paramref name="extension"/> is ".nupkg" or ".snupkg".</summary>
    public string PathOf(string id, string extension) => Path.Combine(FeedDir, $"{id}.{Version}{extension}");

    /// <summary>
    /// Writes a console application whose Program.cs is the README's quick start, word for word,
    /// referencing only the packed packages; plus one mutable event for the analyzers to flag.
    /// </summary>
    public string CreateConsumer() => CreateProject("consumer", new()
    {
        ["Program.cs"] = ReadmeQuickStart(),
        ["Mutable.cs"] = """
            [Eventfold.Event("OrderNoted")]
            public sealed class OrderNoted { public string Note { get; set; } = ""; }
            """,
    });

    /// <summary>
    /// Writes a console application of these files that references the packed Eventfold and
    /// Eventfold.Sqlite packages (and any <paramref name="extraPackages"/> from the feed), and
    /// none of the repository's build settings.
    /// </summary>
    public string CreateProject(string name, Dictionary<string, string> files, (string Id, string Version)[]? extraPackages = null)
    {
        string dir = Path.Combine(WorkDir, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{FeedDir}" />
              </packageSources>
            </configuration>
            """);
        string extra = string.Concat((extraPackages ?? []).Select(p => $"    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />\n"));
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Eventfold" Version="{Version}" />
                <PackageReference Include="Eventfold.Sqlite" Version="{Version}" />
            {extra}  </ItemGroup>
            </Project>
            """);
        // Keep the repository's build settings out of the consumer.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
        foreach (var (file, text) in files)
        {
            string path = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return dir;
    }

    /// <summary>The first C# block after the quickstart marker in README.md.</summary>
    public static string ReadmeQuickStart()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        int marker = readme.IndexOf("<!-- quickstart -->", StringComparison.Ordinal);
        int start = readme.IndexOf("```csharp", marker, StringComparison.Ordinal) + "```csharp".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        if (marker < 0 || end < 0)
        {
            throw new InvalidOperationException("README.md has no quick start block after <!-- quickstart -->.");
        }

        return readme[start..end];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
            // Each run packs a version of its own; drop it from the NuGet cache too.
            string cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var package in new[] { "eventfold", "eventfold.sqlite", "eventfold.eventstoredb" })
            {
                string copy = Path.Combine(cache, package, Version);
                if (Directory.Exists(copy))
                {
                    Directory.Delete(copy, recursive: true);
                }
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    public static string RepoRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}

internal static class Dotnet
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A nested build must not join the test run's build servers or inherit its MSBuild state.
        start.Environment["MSBUILDNOINPROCNODE"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
