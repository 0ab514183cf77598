using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Eventfold.Package.Tests;

/// <summary>
/// What a team checks before it ships a dependency: each package names its repository and the
/// commit it was built from, carries a readme, tags and a licence, and comes with a symbols package
/// whose PDBs map sources to the repository; its assemblies are built deterministically and carry
/// the package's version.
/// </summary>
[Collection(PackedPackages.Name)]
public sealed class PackageMetadataTests
{
    public static readonly TheoryData<string> Packages = new() { "Eventfold", "Eventfold.Sqlite", "Eventfold.EventStoreDb" };

    private readonly PackedEventfold _package;

    public PackageMetadataTests(PackedEventfold package) => _package = package;

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_nuspec_names_the_repository_and_commit_and_carries_readme_tags_and_licence(string id)
    {
        using var zip = ZipFile.OpenRead(_package.PathOf(id, ".nupkg"));
        XElement metadata = Nuspec(zip, id);
        string Value(string name) => metadata.Element(metadata.Name.Namespace + name)?.Value ?? "";

        Assert.Equal(_package.Version, Value("version"));
        Assert.StartsWith("https://github.com/", Value("projectUrl"), StringComparison.Ordinal);
        Assert.Equal("MIT", Value("license"));
        Assert.Contains("event-sourcing", Value("tags"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));

        XElement repository = metadata.Element(metadata.Name.Namespace + "repository")!;
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(Value("projectUrl"), repository.Attribute("url")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");

        Assert.Equal("README.md", Value("readme"));
        string readme = new StreamReader(zip.GetEntry("README.md")!.Open()).ReadToEnd();
        Assert.StartsWith("# " + id + "\n", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_assembly_is_deterministic_and_carries_the_package_version(string id)
    {
        using var zip = ZipFile.OpenRead(_package.PathOf(id, ".nupkg"));
        using var pe = new PEReader(new MemoryStream(ReadAll(zip, $"lib/net10.0/{id}.dll")));

        // The compiler writes a Reproducible debug entry only for a deterministic build.
        Assert.Contains(pe.ReadDebugDirectory(), e => e.Type == DebugDirectoryEntryType.Reproducible);

        MetadataReader reader = pe.GetMetadataReader();
        string informational = AssemblyAttribute(reader, "AssemblyInformationalVersionAttribute");
        Assert.StartsWith(_package.Version + "+", informational, StringComparison.Ordinal); // version + commit
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_symbols_package_maps_every_source_to_the_repository_at_the_built_commit(string id)
    {
        using var symbols = ZipFile.OpenRead(_package.PathOf(id, ".snupkg"));
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(ReadAll(symbols, $"lib/net10.0/{id}.pdb")));
        MetadataReader pdb = provider.GetMetadataReader();

        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        string? sourceLink = pdb.CustomDebugInformation
            .Select(pdb.GetCustomDebugInformation)
            .Where(info => pdb.GetGuid(info.Kind) == sourceLinkKind)
            .Select(info => System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(info.Value)))
            .SingleOrDefault();

        Assert.NotNull(sourceLink);
        Assert.Matches(@"https://raw\.githubusercontent\.com/[^/]+/[^/]+/[0-9a-f]{40}/\*", sourceLink);
    }

    private static XElement Nuspec(ZipArchive zip, string id)
    {
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        XDocument nuspec = XDocument.Load(stream);
        return nuspec.Root!.Element(nuspec.Root.Name.Namespace + "metadata")!;
    }

    private static byte[] ReadAll(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new InvalidOperationException($"{entry} is not in the package");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string AssemblyAttribute(MetadataReader reader, string attributeName)
    {
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (reader.GetString(type.Name) == attributeName)
            {
                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                return blob.ReadSerializedString() ?? "";
            }
        }

        throw new InvalidOperationException($"the assembly has no {attributeName}");
    }
}
