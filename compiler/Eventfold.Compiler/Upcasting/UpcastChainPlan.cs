using System.Collections.Generic;

namespace Eventfold.Compiler;

internal enum ChainLinkKind
{
    /// <summary>The stored payload read as the event type of its version.</summary>
    ReadPayload,

    /// <summary>The stored payload read as a JSON object, for a JSON upcaster.</summary>
    ReadPayloadAsJson,

    /// <summary>JSON that a JSON upcaster produced, read as the event type of its version.</summary>
    ReadJson,

    /// <summary>An event object written as a JSON object, for a JSON upcaster after a typed one.</summary>
    WriteJson,

    /// <summary>A call of one upcaster.</summary>
    Upcast,
}

/// <summary>
/// One statement of a generated chain: <c>Output</c> = what <c>Kind</c> does to <c>Input</c> (the payload
/// when empty). <c>Type</c> is the type produced (<c>JsonObject</c>'s name for JSON; for
/// <see cref="ChainLinkKind.WriteJson"/> the type written), <c>Version</c> the schema version read or upcast from.
/// </summary>
internal sealed record ChainLink(ChainLinkKind Kind, int Version, string Type, string Method, string Input, string Output);

/// <summary>
/// The generated method that reads version <c>FromVersion</c> of <c>Name</c> as the latest version: its
/// statements, the variable it returns, and the steps as its doc comment lists them (<c>Summary</c>).
/// </summary>
internal sealed record UpcastChainPlan(string Name, int FromVersion, int ToVersion, string MethodName, List<ChainLink> Links, string Result, string Summary);

internal enum UpcasterProblemKind
{
    /// <summary>EVF040: another upcaster reads the same name and version.</summary>
    SameVersion,

    /// <summary>EVF041: the upcaster does not produce the next version of its name.</summary>
    WrongTarget,

    /// <summary>EVF042: the upcaster is on a cycle of upcasters.</summary>
    Cycle,
}

/// <summary>A mistake in one upcaster (<c>Step</c> indexes the steps given to the planner), with what the message says about it.</summary>
internal sealed record UpcasterProblem(int Step, UpcasterProblemKind Kind, string Detail);

/// <summary>Why no chain reads a stored version.</summary>
internal enum UnreadableReason
{
    /// <summary>EVF005: no upcaster leads on from some version on the way.</summary>
    NoPath,

    /// <summary>Two upcasters read a version on the way (EVF040 says which).</summary>
    Ambiguous,
}

/// <summary>Everything the planner found: the chains to generate, the upcasters' mistakes, the versions no chain reads.</summary>
internal sealed class UpcastHistory
{
    public Dictionary<string, int> Latest { get; } = new(System.StringComparer.Ordinal);

    public List<UpcastChainPlan> Chains { get; } = new();

    public List<UpcasterProblem> Problems { get; } = new();

    public Dictionary<(string Name, int Version), UnreadableReason> Unreadable { get; } = new();
}
