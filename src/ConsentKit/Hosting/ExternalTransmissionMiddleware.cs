using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>Puts this request's <see cref="IExternalTransmissionFeature"/> on the context. Nothing is read until something asks.</summary>
internal sealed class ExternalTransmissionMiddleware(RequestDelegate next, ConsentKitRuntime runtime)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IExternalTransmissionFeature>() is null)
        {
            context.Features.Set<IExternalTransmissionFeature>(new ExternalTransmissionFeature(context, runtime));
        }

        return next(context);
    }
}
