namespace Eventfold.Compiler;

internal enum UpcasterKind
{
    /// <summary><c>TNext M(TOld e)</c> between two <c>[Event]</c> types.</summary>
    Typed,

    /// <summary><c>JsonObject M(JsonObject old)</c> from <c>[Upcaster("name", FromVersion = n)]</c> to version n + 1.</summary>
    Json,
}

/// <summary>
/// One <c>[Upcaster]</c> method as the generator calls it and the analyzers check it: the stored name and
/// version it reads, the name and version it produces, and the types on both sides (empty for JSON).
/// Values only, so it can sit in a generator model. <c>Method</c> is the call as generated code writes it
/// ("global::Ns.Upcasts.ToV2"), <c>Display</c> the method as a message names it ("Upcasts.ToV2").
/// </summary>
internal sealed record UpcasterStep(
    UpcasterKind Kind,
    string Name,
    int FromVersion,
    string ToName,
    int ToVersion,
    string FromType,
    string ToType,
    string Method,
    string Display);

/// <summary>One <c>[Event]</c> type that the registration can name: its stored name, schema version and fully qualified type.</summary>
internal sealed record EventVersion(string Name, int Version, string TypeName);
