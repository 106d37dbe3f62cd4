using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit;

/// <summary>Returned by <c>AddExternalTransmissionNotice</c>, for chaining ConsentKit's optional parts.</summary>
public interface IExternalTransmissionBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}

internal sealed class ExternalTransmissionBuilder(IServiceCollection services) : IExternalTransmissionBuilder
{
    public IServiceCollection Services { get; } = services;
}
