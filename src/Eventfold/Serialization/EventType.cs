namespace Eventfold;

/// <summary>One registered event schema: its CLR type, stored name and schema version.</summary>
public sealed record EventType(Type ClrType, string Name, int Version);
