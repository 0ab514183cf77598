namespace Eventfold;

/// <summary>A projection, saga, replica or dispatcher added with configuration: its section <c>{Kind}:{Name}</c> is known.</summary>
internal sealed record ConfiguredName(string Kind, string Name);
