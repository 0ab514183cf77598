namespace Eventfold;

/// <summary>The outcome of an append: the stream's new version and the global position of its last event.</summary>
public readonly record struct AppendResult(long NextExpectedVersion, GlobalPosition Position);
