namespace Eventfold;

/// <summary>
/// Marks a static method that turns one schema version of an event into the next. Either typed
/// (<c>NewType M(OldType e)</c>), or JSON-to-JSON for a version whose CLR type no longer exists, in
/// which case <paramref name="eventName"/> and <see cref="FromVersion"/> name the stored version.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class UpcasterAttribute(string? eventName = null) : Attribute
{
    public string? EventName { get; } = eventName;

    public int FromVersion { get; set; }
}
