namespace Eventfold.StoreConformance;

// Events the suite writes. They are registered in the suite's own EventRegistry (see
// ConformanceRegistry) so the suite does not depend on any generated registration.
[Event("conformance.item-added")]
public sealed record ItemAdded(string Sku, int Quantity);

[Event("conformance.item-removed")]
public sealed record ItemRemoved(string Sku);

[Event("conformance.blob")]
public sealed record Blob(string Payload);

[Event("conformance.measured")]
public sealed record Measured(double Value);

/// <summary>What migrations turn an ItemAdded into.</summary>
[Event("conformance.line-added")]
public sealed record LineAdded(string Sku, int Quantity, decimal Price);

/// <summary>The marker a migration appends to its source stream.</summary>
[Event("conformance.cart-migrated")]
public sealed record CartMigrated(string Target, long ThroughVersion);

/// <summary>A type with no [Event]: stores must refuse it.</summary>
public sealed record NotAnEvent(string Value);

public static class ConformanceRegistry
{
    public static EventRegistry Create()
    {
        var registry = new EventRegistry();
        registry.Register<ItemAdded>("conformance.item-added", 1);
        registry.Register<ItemRemoved>("conformance.item-removed", 1);
        registry.Register<Blob>("conformance.blob", 1);
        registry.Register<Measured>("conformance.measured", 1);
        registry.Register<LineAdded>("conformance.line-added", 1);
        registry.Register<CartMigrated>("conformance.cart-migrated", 1);
        return registry;
    }
}
