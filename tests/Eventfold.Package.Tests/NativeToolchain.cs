using System.Text.RegularExpressions;

namespace Eventfold.Package.Tests;

/// <summary>
/// The C toolchain a Native AOT publish links with. The SDK calls <c>clang</c>; a machine with only a
/// versioned one (Debian's <c>clang-14</c>, without the <c>clang</c> package) needs
/// <c>-p:CppCompilerAndLinker=clang-14</c>, so the newest <c>clang-N</c> on PATH is named that way.
/// </summary>
internal static partial class NativeToolchain
{
    public const string Missing =
        "Native AOT needs a C toolchain: on Debian or Ubuntu, apt-get install -y clang zlib1g-dev (binutils brings objcopy). See docs/aot.md.";

    /// <summary>The publish arguments that name the compiler, or null when no clang is on PATH.</summary>
    public static string[]? PublishArguments()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (directories.Any(d => File.Exists(Path.Combine(d, "clang"))))
        {
            return [];
        }

        var versioned = directories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "clang-*"))
            .Select(Path.GetFileName)
            .Select(name => Versioned().Match(name!))
            .Where(m => m.Success)
            .OrderByDescending(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(m => m.Value)
            .FirstOrDefault();
        return versioned is null ? null : [$"-p:CppCompilerAndLinker={versioned}"];
    }

    [GeneratedRegex(@"^clang-(\d+)$")]
    private static partial Regex Versioned();
}
