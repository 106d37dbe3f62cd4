using ConsentKit;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds ConsentKit to the request pipeline.</summary>
public static class ExternalTransmissionApplicationBuilderExtensions
{
    /// <summary>
    /// Gives every request its external-transmission state (<c>HttpContext.GetExternalTransmission()</c>).
    /// Call it after <c>UseCookiePolicy()</c> if you use that, and before the endpoints that render pages.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static IApplicationBuilder UseExternalTransmissionNotice(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<ExternalTransmissionMiddleware>();
    }
}
