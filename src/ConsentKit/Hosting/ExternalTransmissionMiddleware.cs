using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// Puts this request's <see cref="IExternalTransmissionFeature"/> on the context. Nothing is read until something asks,
/// except that an HTML response, when the Content Security Policy is on, reads the state as it starts.
/// </summary>
internal sealed class ExternalTransmissionMiddleware(RequestDelegate next, ExternalTransmissionServices services)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IExternalTransmissionFeature>() is null)
        {
            context.Features.Set<IExternalTransmissionFeature>(services.Create(context));
        }

        // Registered before the rest of the pipeline, so it runs after the response-start work of anything that read the state.
        services.Policy.Register(context);
        return next(context);
    }
}
