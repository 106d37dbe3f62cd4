using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>Puts this request's <see cref="IExternalTransmissionFeature"/> on the context. Nothing is read until something asks.</summary>
internal sealed class ExternalTransmissionMiddleware(RequestDelegate next, ExternalTransmissionServices services)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IExternalTransmissionFeature>() is null)
        {
            context.Features.Set<IExternalTransmissionFeature>(services.Create(context));
        }

        return next(context);
    }
}
