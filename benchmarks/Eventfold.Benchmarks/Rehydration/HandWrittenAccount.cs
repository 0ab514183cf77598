using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

/// <summary>The baseline: the type switch a developer writes by hand, in the order the Apply methods are declared.</summary>
public sealed class HandWrittenAccount : AccountState
{
    public void ReplayEvent(object @event, long version)
    {
        switch (@event)
        {
            case AccountOpened e:
                Apply(e);
                break;
            case Deposited e:
                Apply(e);
                break;
            case Withdrawn e:
                Apply(e);
                break;
            case InterestPaid e:
                Apply(e);
                break;
            case AccountFrozen e:
                Apply(e);
                break;
        }

        Version = version;
    }
}
