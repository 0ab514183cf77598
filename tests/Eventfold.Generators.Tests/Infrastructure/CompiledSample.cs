using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Tests.Infrastructure;

/// <summary>
/// The run-time sample (<see cref="RuntimeSamples.Shop"/>) compiled with both generators and loaded
/// once per process: its module initializer registers its events with the process-wide
/// <see cref="EventRegistry.Default"/>, so a second copy with the same event names would clash.
/// </summary>
internal sealed class CompiledSample
{
    private static readonly Lazy<CompiledSample> Instance = new(() => new CompiledSample("Eventfold.RunSample", [RuntimeSamples.Shop]));

    private readonly string _assemblyName;

    private CompiledSample(string assemblyName, string[] sources)
    {
        _assemblyName = assemblyName;
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(assemblyName, sources));
        Generated = generated;
        Problems = GeneratorHarness.Problems(output);

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The sample does not compile:\n" + string.Join("\n", emitted.Diagnostics));
        }

        image.Position = 0;
        // Collectible so the sample does not outlive the tests; Eventfold itself resolves from the
        // default context, so the sample and the tests share EventRegistry and IEventSourced<T>.
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        Assembly = context.LoadFromStream(image);
    }

    public static CompiledSample Shared => Instance.Value;

    /// <summary>
    /// Another sample, loaded once per call: its event names must not be used by any other sample,
    /// since its module initializer registers them with <see cref="EventRegistry.Default"/> too.
    /// </summary>
    public static CompiledSample Load(string assemblyName, params string[] sources) => new(assemblyName, sources);

    public IReadOnlyDictionary<string, string> Generated { get; }

    public IReadOnlyList<Diagnostic> Problems { get; }

    public Assembly Assembly { get; }

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>Calls the generated <c>RegisterAll</c> on a registry of the test's own.</summary>
    public EventRegistry NewRegistry()
    {
        var registration = Type("Eventfold.Generated.EventfoldEventRegistration_" + _assemblyName.Replace('.', '_'));
        var registerAll = registration.GetMethod("RegisterAll", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
        var registry = new EventRegistry();
        registerAll.Invoke(null, [registry]);
        return registry;
    }

    public object New(string typeName, params object?[] args) => Activator.CreateInstance(Type(typeName), args)!;

    public static object? Call(object target, string method, params object?[] args)
    {
        try
        {
            return target.GetType().GetMethod(method, BindingFlags.Instance | BindingFlags.Public)!.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    public static T Get<T>(object target, string property) =>
        (T)target.GetType().GetProperty(property, BindingFlags.Instance | BindingFlags.Public)!.GetValue(target)!;
}
