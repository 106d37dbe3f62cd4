using ConsentKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds ConsentKit to the request pipeline.</summary>
public static class ExternalTransmissionApplicationBuilderExtensions
{
    /// <summary>
    /// Gives every request its external-transmission state (<c>HttpContext.GetExternalTransmission()</c>).
    /// Call it after <c>UseCookiePolicy()</c> if you use that, and before the endpoints that render pages. In Development it
    /// also logs an error for any HTML response that still contains unprocessed ConsentKit markup (event 302).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static IApplicationBuilder UseExternalTransmissionNotice(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Development only: a page whose ConsentKit markup nothing processed is logged as an error (event 302).
        if (app.ApplicationServices.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            app.UseMiddleware<UnprocessedMarkupCheck>();
        }

        return app.UseMiddleware<ExternalTransmissionMiddleware>();
    }
}
