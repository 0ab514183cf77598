namespace Eventfold;

/// <summary>A generated <c>{Aggregate}State</c> event: whose state it is, and at which version of its aggregate.</summary>
public interface IPublishedState
{
    /// <summary>The aggregate's id.</summary>
    string Id { get; }

    /// <summary>The aggregate's version this state was taken at.</summary>
    long Version { get; }
}
