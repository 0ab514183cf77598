namespace Shop;

/// <summary>The sample's command line: where the events live and which failure to inject.</summary>
public sealed record ShopArguments(string DatabasePath, string? EventStoreDb, bool FailCheckout, bool CrashCheckout, bool KeepRunning)
{
    public static ShopArguments Parse(string[] args) => new(
        DatabasePath: ValueOf(args, "--db") ?? Path.Combine(Path.GetTempPath(), "eventfold-shop", "shop.db"),
        EventStoreDb: ValueOf(args, "--esdb"),
        FailCheckout: args.Contains("--fail-checkout"),
        CrashCheckout: args.Contains("--crash-checkout"),
        KeepRunning: args.Contains("--keep-running"));

    private static string? ValueOf(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
