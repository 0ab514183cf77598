using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eventfold;

/// <summary>
/// What <c>AddEventfold</c> configures: which store to use. Store packages add their own
/// <c>UseX</c> extensions (<c>UseSqlite</c>, <c>UseEventStoreDb</c>) on top of <see cref="UseStore"/>.
/// With a configuration section (<c>AddEventfold(configuration, o =&gt; …)</c>) each <c>UseX</c> offers its
/// store and the key <c>Eventfold:Store</c> picks one of those offered; without the key, the last call wins.
/// </summary>
public sealed class EventfoldOptions
{
    private readonly List<StoreOffer> _offers = new();

    public EventfoldOptions()
    {
    }

    internal EventfoldOptions(IServiceCollection services, IConfiguration? configuration, string configurationPath)
    {
        Services = services;
        Configuration = configuration;
        ConfigurationPath = configurationPath;
    }

    /// <summary>The services being registered (for store packages that register their own options).</summary>
    internal IServiceCollection? Services { get; }

    /// <summary>The Eventfold section given to <c>AddEventfold</c>, or null.</summary>
    internal IConfiguration? Configuration { get; }

    /// <summary>Its full key (e.g. <c>Eventfold</c>); empty for a configuration's root.</summary>
    internal string ConfigurationPath { get; } = "";

    /// <summary>The stores offered, in call order.</summary>
    internal IReadOnlyList<StoreOffer> Offers => _offers;

    /// <summary>
    /// Whether the host runs the state publisher of every loaded <see cref="PublishesStateAttribute"/> aggregate
    /// (publishing, from the log, any state a save could not); true by default. A service that only reads others'
    /// published state through replicas may turn it off. Configuration key: <c>Eventfold:RunStatePublishers</c>.
    /// </summary>
    public bool RunStatePublishers { get; set; } = true;

    /// <summary>How the state publishers read and checkpoint; null for the defaults. Configuration section: <c>Eventfold:StatePublishers</c>.</summary>
    public StatePublisherOptions? StatePublisherOptions { get; set; }

    /// <summary>Uses the store made by <paramref name="factory"/>, once, for the whole application (offered as <c>Custom</c>).</summary>
    public EventfoldOptions UseStore(Func<IServiceProvider, IEventStore> factory) => Offer("Custom", factory);

    /// <summary>Keeps events in memory: for tests. Offered as <c>InMemory</c>; settings from <c>Eventfold:InMemory</c> when not given here.</summary>
    public EventfoldOptions UseInMemory(EventStoreOptions? options = null) =>
        options is not null
            ? Offer("InMemory", _ => new InMemoryEventStore(options))
            : Offer("InMemory", ConfiguredInMemory, services => RegisterInMemory(services, this));

    /// <summary>
    /// Offers a store under <paramref name="name"/> (what <c>Eventfold:Store</c> names). <paramref name="register"/>
    /// runs only when the store is the one chosen, so an offered store's settings are checked only when it is used.
    /// </summary>
    internal EventfoldOptions Offer(string name, Func<IServiceProvider, IEventStore> factory, Action<IServiceCollection>? register = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _offers.RemoveAll(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
        _offers.Add(new StoreOffer(name, factory, register));
        return this;
    }

    /// <summary>The configuration section of the store settings under <paramref name="key"/>, and its full key.</summary>
    internal (IConfiguration? Section, string Path) StoreSection(string key) =>
        (Configuration?.GetSection(key), ConfigurationPaths.Join(ConfigurationPath, key));

    private static IEventStore ConfiguredInMemory(IServiceProvider services) =>
        new InMemoryEventStore(services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<EventStoreOptions>>().Get("InMemory"));

    private static void RegisterInMemory(IServiceCollection services, EventfoldOptions options)
    {
        var (section, path) = options.StoreSection("InMemory");
        ConfiguredOptions.Register<EventStoreOptions>(services, "InMemory", path, section, baseline: null, OptionsBinding.Bind, OptionsBinding.Check);
    }

    /// <summary>Picks the store: the one <c>Eventfold:Store</c> names, else the last offered.</summary>
    internal StoreOffer Choose()
    {
        string storeKey = ConfigurationPaths.Join(ConfigurationPath, "Store");
        string? named = Configuration?["Store"];
        if (string.IsNullOrWhiteSpace(named))
        {
            return _offers.Count > 0
                ? _offers[^1]
                : throw new InvalidOperationException(
                    $"AddEventfold needs a store: call o.UseSqlite(path), o.UseEventStoreDb(connectionString) or o.UseInMemory()" +
                    (Configuration is null ? "." : $", or set {storeKey} to InMemory (Sqlite and EventStoreDb also need o.UseSqlite() or o.UseEventStoreDb() in code, from their packages)."));
        }

        if (string.Equals(named, "InMemory", StringComparison.OrdinalIgnoreCase) && !_offers.Any(o => o.Name == "InMemory"))
        {
            UseInMemory();
        }

        return _offers.LastOrDefault(o => string.Equals(o.Name, named, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"{storeKey} is '{named}', but the application offers {(_offers.Count == 0 ? "no store" : string.Join(", ", _offers.Select(o => o.Name)))}: " +
                $"{storeKey} must be one of {string.Join(", ", _offers.Select(o => o.Name).Append("InMemory").Distinct())}, and a store from a package is offered in code " +
                "(AddEventfold(configuration, o => o.UseSqlite().UseEventStoreDb()), packages Eventfold.Sqlite and Eventfold.EventStoreDb).");
    }

    internal sealed record StoreOffer(string Name, Func<IServiceProvider, IEventStore> Factory, Action<IServiceCollection>? Register);
}
