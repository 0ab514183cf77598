using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Eventfold.Package.Tests;

/// <summary>
/// docs/getting-started.md promises a running service built from its files word for word, against the
/// packages alone: this writes those files into an empty project, builds it and runs it twice (the
/// second run resumes the projection from its checkpoint in the same database).
/// </summary>
[Collection(PackedPackages.Name)]
public sealed partial class GettingStartedTests
{
    private readonly PackedEventfold _package;

    public GettingStartedTests(PackedEventfold package) => _package = package;

    [Fact]
    public async Task The_getting_started_service_builds_and_runs_from_the_packages_as_written()
    {
        var files = GettingStartedFiles();
        Assert.Equal(["Events.cs", "Order.cs", "SalesByCustomer.cs", "OrderTaker.cs", "Program.cs"], files.Keys);
        string app = _package.CreateProject("getting-started", files, extraPackages: [("Microsoft.Extensions.Hosting", "10.0.0")]);

        var build = await Dotnet.RunAsync(app, "build", "-c", "Release", "--nologo");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain("warning EVF", build.Output);

        for (int run = 0; run < 2; run++)
        {
            var result = await Dotnet.RunAsync(app, "run", "-c", "Release", "--no-build");
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Matches(SummaryLine(), result.Output);
        }
    }

    /// <summary>Each C# block after a <c>&lt;!-- getting-started: File.cs --&gt;</c> marker, in page order.</summary>
    private static Dictionary<string, string> GettingStartedFiles([CallerFilePath] string thisFile = "")
    {
        string page = File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "docs", "getting-started.md"));
        var files = new Dictionary<string, string>();
        foreach (Match m in FileBlock().Matches(page))
        {
            files.Add(m.Groups["name"].Value, m.Groups["code"].Value);
        }

        return files;
    }

    [GeneratedRegex(@"<!-- getting-started: (?<name>[\w.]+) -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FileBlock();

    [GeneratedRegex(@"c-[0-9a-f]{8}: 2 orders, 50 in total")]
    private static partial Regex SummaryLine();
}
