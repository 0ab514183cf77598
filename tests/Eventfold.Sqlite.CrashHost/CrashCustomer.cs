namespace Eventfold.Sqlite.CrashHost;

[Event("crashhost.customer.renamed")]
public sealed record CrashCustomerRenamed(string Name, int Points);

/// <summary>The aggregate the "publish" mode saves: its name and points are published. Compiled into the tests too (linked file).</summary>
[Aggregate("crashcustomer"), PublishesState]
public sealed partial class CrashCustomer
{
    public string Name { get; private set; } = "";

    public int Points { get; private set; }

    public void Rename(string name, int points) => Raise(new CrashCustomerRenamed(name, points));

    private void Apply(CrashCustomerRenamed e)
    {
        Name = e.Name;
        Points = e.Points;
    }
}
