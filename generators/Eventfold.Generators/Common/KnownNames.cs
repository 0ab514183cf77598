namespace Eventfold.Generators;

/// <summary>Metadata names of the runtime types the generators look for.</summary>
internal static class KnownNames
{
    public const string AggregateAttribute = "Eventfold.AggregateAttribute";
    public const string EventAttribute = "Eventfold.EventAttribute";
    public const string UpcasterAttribute = "Eventfold.UpcasterAttribute";
    public const string ProjectionAttribute = "Eventfold.ProjectionAttribute";
    public const string PublishesStateAttribute = "Eventfold.PublishesStateAttribute";
    public const string StateReplicaAttribute = "Eventfold.StateReplicaAttribute";
    public const string JsonObject = "System.Text.Json.Nodes.JsonObject";
}
