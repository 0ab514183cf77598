namespace Eventfold.Compiler;

/// <summary>Why a candidate handler method cannot be called by generated code; <see cref="None"/> when it can.</summary>
internal enum HandlerRejection
{
    None,
    Static,
    Generic,
    Async,
    ReturnsValue,
    NoParameter,
    ExtraParameters,
    ByReference,
    CatchesEveryEvent,
    CannotBeMatched,
    PrivateInBaseClass,
    HiddenByDerivedOverload,
    AsyncVoid,
    WrongExtraParameter,
    NotAnEvent,
    DuplicateEventType,
}
