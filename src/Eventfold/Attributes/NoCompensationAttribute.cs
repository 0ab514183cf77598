namespace Eventfold;

/// <summary>Declares, with a reason, that a saga step needs no compensation.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class NoCompensationAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
