using System.Runtime.CompilerServices;
using System.Text;

namespace Eventfold.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated code with a baseline file under <c>Baselines/</c> in the source tree. With
/// <c>EVENTFOLD_UPDATE_BASELINES=1</c> it rewrites the baseline instead, for intended changes.
/// </summary>
internal static partial class Baseline
{
    public const string UpdateVariable = "EVENTFOLD_UPDATE_BASELINES";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The source tree's Baselines folder, found from this file's path at compile time (not bin/).</summary>
    public static string Directory() => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(ThisFile())!)!, "Baselines");

    private static string ThisFile([CallerFilePath] string path = "") => path;

    public static void Verify(string baselineName, string actual)
    {
        string path = Path.Combine(Directory(), baselineName);
        actual = actual.Replace("\r\n", "\n");
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Directory());
            File.WriteAllText(path, actual);
            return;
        }

        actual = Normalize(actual);

        if (!File.Exists(path))
        {
            Assert.Fail($"Baseline '{path}' does not exist. Generated:\n{actual}\nRun with {UpdateVariable}=1 to create it.");
        }

        string expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
        {
            Assert.Fail($"Generated code differs from baseline '{baselineName}' (- baseline, + generated). Run with {UpdateVariable}=1 if the change is intended.\n{Diff(expected, actual)}");
        }
    }

    // The [GeneratedCode] version follows the build's Version (GeneratorVersionTests checks it), and the
    // package tests pack with versions of their own in the same bin/: compare everything but the version.
    private static string Normalize(string text) =>
        GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"Eventfold.Generators\", \"{version}\")");

    [System.Text.RegularExpressions.GeneratedRegex("""GeneratedCode\("Eventfold\.Generators", "[^"]*"\)""")]
    private static partial System.Text.RegularExpressions.Regex GeneratedCodeVersion();

    /// <summary>A line diff from the longest common subsequence; lines kept in both are prefixed with a space.</summary>
    internal static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                diff.Append("  ").AppendLine(a[x]);
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                diff.Append("- ").AppendLine(a[x++]);
            }
            else
            {
                diff.Append("+ ").AppendLine(b[y++]);
            }
        }

        return diff.ToString();
    }
}
