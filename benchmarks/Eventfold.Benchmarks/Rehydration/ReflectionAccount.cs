using System.Reflection;
using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

/// <summary>
/// Cached reflection: each Apply method is looked up once per event type, then every event is applied
/// with <see cref="MethodBase.Invoke(object?, object?[])"/>, the way reflection-based frameworks do it.
/// </summary>
public sealed class ReflectionAccount : AccountState
{
    private static readonly Dictionary<Type, MethodInfo> ApplyByEventType = typeof(AccountState)
        .GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        .Where(m => m.Name == "Apply" && m.GetParameters().Length == 1)
        .ToDictionary(m => m.GetParameters()[0].ParameterType);

    public void ReplayEvent(object @event, long version)
    {
        if (ApplyByEventType.TryGetValue(@event.GetType(), out var apply))
        {
            apply.Invoke(this, [@event]);
        }

        Version = version;
    }
}
