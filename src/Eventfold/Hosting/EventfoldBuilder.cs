using Microsoft.Extensions.DependencyInjection;

namespace Eventfold;

/// <summary>Returned by <c>AddEventfold</c>, to register projections, sagas, replicas and dispatchers.</summary>
public sealed class EventfoldBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;
}
